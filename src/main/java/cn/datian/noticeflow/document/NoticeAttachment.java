package cn.datian.noticeflow.document;

import java.time.OffsetDateTime;

/**
 * One file attached to a notice. The GB/T 9704 document the system writes at sign-off is listed
 * first, as {@code official}, with its version; the rest are the office's uploads.
 */
public record NoticeAttachment(
    String id,
    String noticeId,
    String originalName,
    String contentType,
    long size,
    String sha256,
    String uploadedBy,
    OffsetDateTime uploadedAt,
    boolean official,
    Integer version) {}
