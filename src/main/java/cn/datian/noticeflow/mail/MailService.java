package cn.datian.noticeflow.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writing messages (in the caller's transaction, so a message exists exactly when the step
 * that asked for it committed) and delivering them (from a job of their own).
 *
 * <p>Delivery marks each message sent in a transaction of its own right after the SMTP server
 * took it: if the job then fails and is retried, what went out is not sent again. A failed
 * send is recorded the same way, and the exception goes up so the job retries; out of retries
 * it becomes an incident in Cockpit, and the message waits, pending, for the retry.
 */
@Service
public class MailService {

  private static final Logger log = LoggerFactory.getLogger(MailService.class);

  private final MailLog mailLog;
  private final MailComposer composer;
  private final MailProperties properties;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final TransactionTemplate ownTransaction;

  public MailService(
      MailLog mailLog,
      MailComposer composer,
      MailProperties properties,
      ObjectProvider<JavaMailSender> mailSender,
      PlatformTransactionManager transactionManager) {
    this.mailLog = mailLog;
    this.composer = composer;
    this.properties = properties;
    this.mailSender = mailSender;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The retry cycle of mail jobs (BPMN: {@code ${mailService.retryCycle()}}). */
  public String retryCycle() {
    return properties.retryCycle();
  }

  /** Writes the message for delivery; false if this very message was written before. */
  public boolean enqueue(MailMessage message) {
    if (mailLog.contains(message.key())) {
      return false;
    }
    return mailLog.add(message, composer.render(message.kind(), message.model()));
  }

  /** Whether a message about one department's work on one notice waits to be sent. */
  public boolean hasPending(String noticeId, String departmentId) {
    return mailLog.hasUnsent(noticeId, departmentId);
  }

  /** Delivers every unsent message about one department's work on one notice. */
  public int deliverPending(String noticeId, String departmentId) {
    List<MailLog.Entry> unsent = mailLog.unsent(noticeId, departmentId);
    JavaMailSender sender = mailSender.getIfAvailable();
    int delivered = 0;
    for (MailLog.Entry entry : unsent) {
      if (sender == null) {
        log.info(
            "No SMTP server configured; recorded mail {} to {}: {}\n{}",
            entry.messageId(), entry.recipients(), entry.subject(), entry.text());
        ownTransaction.executeWithoutResult(s -> mailLog.markDone(entry.id(), MailState.RECORDED));
        delivered++;
        continue;
      }
      try {
        sender.send(mimeMessage(sender, entry));
      } catch (MailException | MessagingException e) {
        ownTransaction.executeWithoutResult(s -> mailLog.markFailed(entry.id(), String.valueOf(e.getMessage())));
        throw new MailDeliveryException("Cannot send mail " + entry.key() + ": " + e.getMessage(), e);
      }
      ownTransaction.executeWithoutResult(s -> mailLog.markDone(entry.id(), MailState.SENT));
      delivered++;
    }
    return delivered;
  }

  private MimeMessage mimeMessage(JavaMailSender sender, MailLog.Entry entry) throws MessagingException {
    Session session =
        sender instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new java.util.Properties());
    MimeMessage message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", entry.messageId());
          }
        };
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(properties.from());
    helper.setTo(entry.recipients().toArray(String[]::new));
    helper.setSubject(entry.subject());
    helper.setText(entry.text(), entry.html());
    return message;
  }

  /** A send that failed; the job that tried it retries. */
  public static class MailDeliveryException extends RuntimeException {
    public MailDeliveryException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
