package cn.datian.noticeflow.deadline;

import java.time.OffsetDateTime;

/**
 * What a department owes right now and by when (the rule: response.WhatIsOwed), as the watch's
 * mails word it and with the group that owes it (its heads while the summary awaits sign-off).
 *
 * @param kind "acknowledge" (签收) or "summary" (报送总结)
 * @param description the Chinese wording mails use
 */
public record Obligation(
    String kind, OffsetDateTime due, String description, String owingGroupId) {}
