package cn.datian.noticeflow.mail;

import java.util.List;
import java.util.Map;

/**
 * A message to write: its unique key (the same reminder always gets the same key), what it is,
 * what it is about, to whom, and the values its templates fill in.
 */
public record MailMessage(
    String key,
    MailKind kind,
    String noticeId,
    String departmentId,
    List<String> recipients,
    Map<String, Object> model) {}
