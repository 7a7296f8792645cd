package cn.datian.noticeflow.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every node polls the outbox ({@code noticeflow.mail.dispatcher.poll-interval}); claims in the
 * database keep two nodes from sending the same message. Off in the test profile, where tests call
 * {@link MailDispatcher#dispatchDue()} themselves.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(
    prefix = "noticeflow.mail.dispatcher",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class MailDispatchSchedule {

  private static final Logger log = LoggerFactory.getLogger(MailDispatchSchedule.class);

  private final MailDispatcher dispatcher;
  private final MailProperties properties;

  public MailDispatchSchedule(MailDispatcher dispatcher, MailProperties properties) {
    this.dispatcher = dispatcher;
    this.properties = properties;
  }

  @Scheduled(
      initialDelayString = "${noticeflow.mail.dispatcher.poll-interval:PT5S}",
      fixedDelayString = "${noticeflow.mail.dispatcher.poll-interval:PT5S}")
  void poll() {
    try {
      dispatcher.dispatchDue(properties.dispatcher().threads());
    } catch (RuntimeException e) {
      // the database may be away for a moment; the next poll tries again
      log.warn(
          "Mail dispatch failed, next poll in {}: {}",
          properties.dispatcher().pollInterval(),
          MailDispatcher.answer(e));
      log.debug("Mail dispatch failure", e);
    }
  }
}
