package cn.datian.noticeflow.mail;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A message to write: its unique key (the same reminder always gets the same key), what it is, what
 * it is about, to whom, and the values its templates fill in.
 */
public record MailMessage(
    String key,
    MailKind kind,
    String noticeId,
    String departmentId,
    List<String> recipients,
    Map<String, Object> model) {

  /** Each address once: a user's address may also be the department's contact address. */
  public MailMessage {
    recipients = List.copyOf(new LinkedHashSet<>(recipients));
  }
}
