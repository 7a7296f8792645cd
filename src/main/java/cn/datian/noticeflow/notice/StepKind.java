package cn.datian.noticeflow.notice;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Every step somebody (or the engine) takes on a notice, as its history records it. */
public enum StepKind {
  // the notice itself
  DRAFTED,
  SIGN_OFF_APPROVED,
  SIGN_OFF_RETURNED,
  REVISED,
  PUBLISHED,
  CONSOLIDATED,
  CONSOLIDATION_APPROVED,
  CONSOLIDATION_RETURNED,
  CLOSED,
  // one department's response
  ACKNOWLEDGED,
  DECLINED,
  ACTIVITIES_RECORDED,
  EVIDENCE_SUBMITTED,
  HEAD_SIGNED_OFF,
  HEAD_RETURNED,
  REVIEW_ACCEPTED,
  REVIEW_RETURNED,
  // the engine and the office chasing it
  REMINDED,
  ESCALATED,
  SUPERVISED,
  URGED,
  EXTENSION_REQUESTED,
  EXTENSION_APPROVED,
  EXTENSION_REJECTED;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
