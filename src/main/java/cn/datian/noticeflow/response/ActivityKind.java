package cn.datian.noticeflow.response;

import java.util.Map;

/** The kinds of activity the record form offers, with their labels. */
public final class ActivityKind {

  public static final Map<String, String> LABELS =
      Map.of(
          "publicity", "宣传",
          "training", "培训",
          "inspection", "监督检查",
          "enforcement", "执法行动",
          "assistance", "帮扶服务",
          "competition", "竞赛评选",
          "other", "其他");

  private ActivityKind() {}
}
