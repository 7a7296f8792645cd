package cn.datian.noticeflow.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a queued message says at the moment it is sent. The feature that queued a message knows
 * whether its reason still holds and what is true now (time left, time overdue, open tasks); the
 * dispatcher asks it for every message it is about to send, a batch at a time. Without an
 * implementation for a kind, a message is sent with the values it was queued with.
 */
public interface MailContent {

  /** Whether this implementation speaks for messages of this kind. */
  boolean handles(MailKind kind);

  /** For each message (same order): the values to render now, or why it is not sent. */
  List<Outcome> refresh(List<MailLog.Entry> entries, Instant now);

  sealed interface Outcome permits Send, Skip {}

  record Send(Map<String, Object> model) implements Outcome {}

  /** Not sent, for this reason (Chinese, shown in the mail log). */
  record Skip(String reason) implements Outcome {}
}
