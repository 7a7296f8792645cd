package cn.datian.noticeflow.evidence;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the notice asks for: summaries (documents), pictures and videos. */
public enum EvidenceKind {
  DOCUMENT("文档"),
  IMAGE("图片"),
  VIDEO("视频");

  private final String label;

  EvidenceKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
