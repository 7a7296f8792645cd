package cn.datian.noticeflow.notice;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The notice record: what was issued, by whom, and until when.
 *
 * @param reminderOffsets this notice's own reminder offsets; empty: the configured ones
 * @param recipientIds 主送: the recipients chosen, in order (rows exist once published)
 * @param returnComment the office head's reason when the draft was last returned, until sent again
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
    List<Duration> reminderOffsets,
    List<String> recipientIds,
    String returnComment) {}
