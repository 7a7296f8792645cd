package cn.datian.noticeflow.mail;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.EngineTime;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Whether mail is stuck: the outbox's unsent messages and how long the oldest has waited. Read from
 * the shared database, so every node tells the same (health, metrics, the board).
 */
@Service
public class MailBacklog {

  private final MailLog mailLog;
  private final MailProperties properties;
  private final NoticeflowProperties noticeflow;

  public MailBacklog(MailLog mailLog, MailProperties properties, NoticeflowProperties noticeflow) {
    this.mailLog = mailLog;
    this.properties = properties;
    this.noticeflow = noticeflow;
  }

  public record Status(long unsent, Duration oldestAge, String oldestSince, boolean stuck) {}

  public Status status() {
    MailLog.Backlog backlog = mailLog.backlog();
    if (backlog.unsent() == 0 || backlog.oldestSince() == null) {
      return new Status(0, Duration.ZERO, null, false);
    }
    Duration age = Duration.between(backlog.oldestSince().toInstant(), EngineTime.now());
    if (age.isNegative()) {
      age = Duration.ZERO;
    }
    return new Status(
        backlog.unsent(),
        age,
        noticeflow.shown(backlog.oldestSince()),
        age.compareTo(properties.stuckAfter()) > 0);
  }

  /**
   * The board's notice for the office and supervisors when mail is stuck, e.g. 邮件发送受阻：12 封待发，最早于
   * 2021-09-13 09:10（北京时间）; empty while mail flows.
   */
  public Optional<String> boardNotice() {
    Status status = status();
    return status.stuck()
        ? Optional.of("邮件发送受阻：" + status.unsent() + " 封待发，最早于 " + status.oldestSince() + "（北京时间）")
        : Optional.empty();
  }
}
