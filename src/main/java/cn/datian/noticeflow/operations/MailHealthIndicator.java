package cn.datian.noticeflow.operations;

import cn.datian.noticeflow.mail.MailBacklog;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code mail}: DEGRADED while the oldest unsent message has waited longer than
 * {@code noticeflow.mail.stuck-after}. It looks at the outbox, never at the SMTP server (an outage
 * is the dispatcher's business and must not fail a probe), and it is outside the readiness group: a
 * node that cannot mail still serves users. The bean name replaces Spring Boot's own mail
 * indicator, which would connect to the SMTP server on every health call.
 */
@Component("mailHealthIndicator")
public class MailHealthIndicator implements HealthIndicator {

  /**
   * Works, but mail waits: ordered between DOWN and UP (management.endpoint.health.status.order).
   */
  public static final Status DEGRADED = new Status("DEGRADED", "mail is stuck");

  private final MailBacklog backlog;

  public MailHealthIndicator(MailBacklog backlog) {
    this.backlog = backlog;
  }

  @Override
  public Health health() {
    MailBacklog.Status status = backlog.status();
    return Health.status(status.stuck() ? DEGRADED : Status.UP)
        .withDetail("unsent", status.unsent())
        .withDetail("oldestUnsentSeconds", status.oldestAge().toSeconds())
        .build();
  }
}
