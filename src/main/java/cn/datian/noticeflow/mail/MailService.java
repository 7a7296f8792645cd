package cn.datian.noticeflow.mail;

import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Writing messages to the outbox, in the caller's transaction: a message exists exactly when the
 * step that asked for it committed. Sending is the {@link MailDispatcher}'s business, on any node,
 * never the caller's: an SMTP server that is down never fails or holds up the caller.
 */
@Service
public class MailService {

  private final MailLog mailLog;
  private final MailComposer composer;

  public MailService(MailLog mailLog, MailComposer composer) {
    this.mailLog = mailLog;
    this.composer = composer;
  }

  /** Writes the message for delivery; false if this very message was written before. */
  public boolean enqueue(MailMessage message) {
    if (mailLog.contains(message.key())) {
      return false;
    }
    return mailLog.add(message, composer.render(message.kind(), message.model()));
  }

  /** The keys of the messages written under this prefix, with when each was written. */
  public Map<String, OffsetDateTime> keysWithPrefix(String prefix) {
    return mailLog.keysWithPrefix(prefix);
  }
}
