package cn.datian.noticeflow.deadline;

import java.time.OffsetDateTime;

/**
 * What a department owes right now, by when, and which of its groups owes it.
 *
 * @param kind "acknowledge" (签收) or "summary" (报送总结)
 * @param description the Chinese wording mails use
 */
public record Obligation(String kind, OffsetDateTime due, String description, String owingGroupId) {}
