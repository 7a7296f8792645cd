package cn.datian.noticeflow.response;

import cn.datian.noticeflow.directory.Participation;
import cn.datian.noticeflow.notice.Notice;
import java.time.OffsetDateTime;

/**
 * One department's standing on one notice.
 *
 * @param dueAt the department's own deadline after an approved extension; null: the notice's
 */
public record NoticeRecipient(
    String noticeId,
    String departmentId,
    Participation participation,
    RecipientStage stage,
    OffsetDateTime stageSince,
    int reviewRounds,
    String contactName,
    String contactPhone,
    String declineReason,
    OffsetDateTime dueAt) {

  /** This department's deadline: its own after an approved extension, else the notice's. */
  public OffsetDateTime deadline(Notice notice) {
    return dueAt != null ? dueAt : notice.deadline();
  }
}
