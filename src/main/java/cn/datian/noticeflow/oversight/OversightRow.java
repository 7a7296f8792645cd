package cn.datian.noticeflow.oversight;

import cn.datian.noticeflow.response.RecipientStage;
import java.time.OffsetDateTime;

/**
 * One department on one open notice, as supervisors see it.
 *
 * @param due what the department owes by (acknowledgement, or its summary deadline)
 * @param workingDaysLeft working days until the due day; negative when overdue
 */
public record OversightRow(
    String noticeId,
    String noticeTitle,
    String departmentId,
    String departmentName,
    RecipientStage stage,
    String stageLabel,
    OffsetDateTime due,
    int workingDaysLeft,
    Light light,
    String lightLabel) {

  /**
   * Accepted, declined or ended unanswered: nothing owed, so no remaining days to show (the API
   * keeps the number).
   */
  public boolean settled() {
    return stage.isFinal();
  }
}
