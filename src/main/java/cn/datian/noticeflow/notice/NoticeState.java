package cn.datian.noticeflow.notice;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a notice stands in its lifecycle. */
public enum NoticeState {
  /** Drafted, waiting for the office head's sign-off (签发). */
  AWAITING_SIGN_OFF,
  /** Returned to the drafter by the office head. */
  RETURNED_TO_DRAFTER,
  /** Published: the departments are working on it. */
  PUBLISHED,
  /** Every recipient is done: the office consolidates (汇总). */
  CONSOLIDATING,
  /** The consolidated report is signed off. */
  CLOSED;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
