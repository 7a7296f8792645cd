package cn.datian.noticeflow.notice;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The notice record: what was issued, by whom, and until when. */
public record Notice(
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
    OffsetDateTime createdAt,
    String consolidatedSummary,
    OffsetDateTime closedAt) {}
