package cn.datian.noticeflow.notice;

/**
 * A notice as it arrives, from the API (the JSON body of {@code POST /api/notices}) or from
 * Tasklist's start form (process variables): nothing checked yet, dates still as the caller wrote
 * them. Fields are loosely typed so that a wrong value is reported by the validator, naming its
 * field, rather than as unreadable JSON.
 *
 * @param recipients a list of department ids, a comma-separated string, or null for all (for none
 *     when {@code enterprises} is given: a notice to the enterprises alone)
 * @param reminderOffsets ISO-8601 durations before each deadline (P3D = 3 working days), a list or
 *     a comma-separated string; null for the configured ones
 * @param enterprises 各有关企业 in one step: {@code {"all": true}} for every active enterprise, or
 *     {@code {"industries": [...], "towns": [...]}} for those of these industries and/or towns
 *     ({@code true} or "all" alone means every one); null for none
 */
public record NoticeInput(
    Object title,
    Object number,
    Object issuer,
    Object issuedOn,
    Object body,
    Object deadline,
    Object acknowledgeBy,
    Object recipients,
    Object reminderOffsets,
    Object enterprises) {

  public NoticeInput(
      Object title,
      Object number,
      Object issuer,
      Object issuedOn,
      Object body,
      Object deadline,
      Object acknowledgeBy,
      Object recipients,
      Object reminderOffsets) {
    this(
        title,
        number,
        issuer,
        issuedOn,
        body,
        deadline,
        acknowledgeBy,
        recipients,
        reminderOffsets,
        null);
  }

  public NoticeInput(
      Object title,
      Object number,
      Object issuer,
      Object issuedOn,
      Object body,
      Object deadline,
      Object acknowledgeBy,
      Object recipients) {
    this(title, number, issuer, issuedOn, body, deadline, acknowledgeBy, recipients, null, null);
  }
}
