package cn.datian.noticeflow.response;

import cn.datian.noticeflow.directory.Participation;
import cn.datian.noticeflow.notice.NoticeState;
import cn.datian.noticeflow.notice.StepKind;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** What {@code GET /api/notices/{id}} answers: the notice and every recipient's progress. */
public record NoticeView(
    String id,
    String number,
    String title,
    String issuer,
    LocalDate issuedOn,
    String body,
    OffsetDateTime deadline,
    OffsetDateTime acknowledgeBy,
    NoticeState state,
    String processInstanceId,
    String draftedBy,
    OffsetDateTime closedAt,
    List<StepView> steps,
    List<RecipientView> recipients) {

  public record RecipientView(
      String departmentId,
      String departmentName,
      Participation participation,
      RecipientStage stage,
      String stageLabel,
      OffsetDateTime stageSince,
      int reviewRounds,
      String contactName,
      String contactPhone,
      String declineReason,
      List<StepView> steps) {}

  public record StepView(StepKind step, String user, OffsetDateTime at, String comment) {}
}
