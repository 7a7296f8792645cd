package cn.datian.noticeflow.oversight;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The board's traffic light for one department on one notice. */
public enum Light {
  /** On time, or done. */
  GREEN("正常"),
  /** Three working days or fewer left. */
  YELLOW("即将到期"),
  /** Past its deadline and still owing. */
  RED("已逾期"),
  /** Declined (enterprises take part voluntarily): never overdue. */
  GREY("已谢绝"),
  /**
   * A voluntary recipient (an enterprise) that has not answered: it owes nothing, so it is never
   * overdue, never chased and never escalated (section 五: 坚持自愿参加、不增加企业负担).
   */
  SILENT("未回复");

  private final String label;

  Light(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Light parse(String code) {
    return code == null || code.isBlank() ? null : valueOf(code.strip().toUpperCase(Locale.ROOT));
  }
}
