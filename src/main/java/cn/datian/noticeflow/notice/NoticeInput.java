package cn.datian.noticeflow.notice;

/**
 * A notice as it arrives, from the API (JSON) or from Tasklist's start form (process
 * variables): nothing checked yet, dates still as the caller wrote them.
 *
 * @param recipients a list of department ids, a comma-separated string, or null for all
 */
public record NoticeInput(
    Object title,
    Object number,
    Object issuer,
    Object issuedOn,
    Object body,
    Object deadline,
    Object acknowledgeBy,
    Object recipients) {}
