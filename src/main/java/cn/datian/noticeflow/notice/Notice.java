package cn.datian.noticeflow.notice;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The notice record: what was issued, by whom, and until when.
 *
 * @param reminderOffsets this notice's own reminder offsets; empty: the configured ones
 */
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
    OffsetDateTime closedAt,
    List<Duration> reminderOffsets) {}
