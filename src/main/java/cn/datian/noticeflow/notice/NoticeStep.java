package cn.datian.noticeflow.notice;

import java.time.OffsetDateTime;

/** One step done: by whom, when, with what comment. {@code departmentId} null: the notice's. */
public record NoticeStep(
    String noticeId,
    String departmentId,
    StepKind step,
    String userId,
    String comment,
    OffsetDateTime doneAt) {}
