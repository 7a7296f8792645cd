package cn.datian.noticeflow.report;

import java.time.OffsetDateTime;

/** One stored document about a notice: metadata only, the bytes are in the content store. */
public record NoticeDocument(
    String id,
    String noticeId,
    DocumentKind kind,
    int version,
    String fileName,
    long size,
    String sha256,
    String createdBy,
    OffsetDateTime createdAt) {}
