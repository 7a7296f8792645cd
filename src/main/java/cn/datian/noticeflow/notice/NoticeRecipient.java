package cn.datian.noticeflow.notice;

import java.time.OffsetDateTime;

/** One department's standing on one notice. */
public record NoticeRecipient(
    String noticeId,
    String departmentId,
    Participation participation,
    RecipientStage stage,
    OffsetDateTime stageSince,
    int reviewRounds,
    String contactName,
    String contactPhone,
    String declineReason) {}
