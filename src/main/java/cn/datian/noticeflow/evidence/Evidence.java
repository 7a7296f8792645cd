package cn.datian.noticeflow.evidence;

import java.time.OffsetDateTime;

/** One piece of evidence a department handed in: metadata only, the bytes are in the store. */
public record Evidence(
    String id,
    String noticeId,
    String departmentId,
    String originalName,
    String contentType,
    EvidenceKind kind,
    long size,
    String sha256,
    String uploadedBy,
    OffsetDateTime uploadedAt) {}
