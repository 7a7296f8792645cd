package cn.datian.noticeflow.notice;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A notice as the office drafted it, checked and ready to record. */
public record NoticeDraft(
    String title,
    String number,
    String issuer,
    LocalDate issuedOn,
    String body,
    OffsetDateTime deadline,
    OffsetDateTime acknowledgeBy,
    List<String> recipients,
    List<Duration> reminderOffsets) {}
