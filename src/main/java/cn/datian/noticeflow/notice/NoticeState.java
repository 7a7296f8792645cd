package cn.datian.noticeflow.notice;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a notice stands in its lifecycle. */
public enum NoticeState {
  /** Being drafted in Tasklist (Task_DraftNotice): saved as the drafter goes, not yet sent. */
  DRAFTING("起草中"),
  /** Drafted, waiting for the office head's sign-off (签发). */
  AWAITING_SIGN_OFF("待签发"),
  /** Returned to the drafter by the office head. */
  RETURNED_TO_DRAFTER("退回修改"),
  /** Published: the departments are working on it. */
  PUBLISHED("办理中"),
  /** Every recipient is done: the office consolidates (汇总). */
  CONSOLIDATING("汇总中"),
  /** The consolidated report is signed off. */
  CLOSED("已办结");

  private final String label;

  NoticeState(String label) {
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
