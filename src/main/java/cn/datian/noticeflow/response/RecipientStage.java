package cn.datian.noticeflow.response;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where one recipient department stands on a notice. */
public enum RecipientStage {
  ACKNOWLEDGING("待签收"),
  EXECUTING("活动开展中"),
  AWAITING_SIGN_OFF("待负责人签发"),
  IN_REVIEW("待办公室审核"),
  RETURNED("已退回修改"),
  ACCEPTED("已通过"),
  DECLINED("已谢绝参加"),
  /**
   * A voluntary recipient (an enterprise) let its answer deadline pass without a word: its response
   * ends here, never overdue, never chased (section 五: 坚持自愿参加、不增加企业负担).
   */
  NO_ANSWER("未回复");

  private final String label;

  RecipientStage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Done for good: nothing more is owed. */
  public boolean isFinal() {
    return this == ACCEPTED || this == DECLINED || this == NO_ANSWER;
  }

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
