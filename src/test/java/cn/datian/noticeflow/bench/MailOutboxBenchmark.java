package cn.datian.noticeflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.deadline.ChaseMails;
import cn.datian.noticeflow.deadline.DeadlineChaseService;
import cn.datian.noticeflow.deadline.Obligation;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.mail.MailDispatcher;
import cn.datian.noticeflow.mail.MailKind;
import cn.datian.noticeflow.mail.MailLog;
import cn.datian.noticeflow.mail.MailMessage;
import cn.datian.noticeflow.mail.MailProperties;
import cn.datian.noticeflow.mail.MailService;
import cn.datian.noticeflow.mail.MailState;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * 4b. The outbox's dispatcher alone: 10,000 reminders due at the same moment in mail_log (real
 * departments, a real notice, so each is checked against the record and rendered as of sending),
 * delivered into GreenMail in batches over one SMTP connection each. In the same run, the
 * baselines: plain JavaMail sends (one connection per message, 4 threads, as before the outbox) and
 * bare batch sends of the same size (no database, no templates).
 */
class MailOutboxBenchmark extends BenchmarkSupport {

  static final int REMINDERS = Integer.getInteger("bench.outbox.reminders", 10_000);

  @Autowired MailService mailService;
  @Autowired MailDispatcher dispatcher;
  @Autowired MailLog mailLog;
  @Autowired MailProperties properties;
  @Autowired DeadlineChaseService chase;
  @Autowired ChaseMails mails;
  @Autowired DepartmentDirectory directory;
  @Autowired JavaMailSender mailSender;

  @Test
  void tenThousandRemindersDueAtOnce_intoGreenMail() throws Exception {
    List<String> departments =
        directory.all().stream().map(d -> d.id()).filter(id -> !id.equals("enterprises")).toList();
    String title = "发件箱基准 " + System.nanoTime();
    IssuedNotice notice = publishNotice(title, departments);
    Map<String, Map<String, Object>> models = new HashMap<>();
    for (String department : departments) {
      String response = responseOf(notice.processInstanceId(), department).getId();
      Obligation owed = chase.obligationOf(notice.noticeId(), department).orElseThrow();
      models.put(department, mails.baseModel(notice.noticeId(), department, owed, response));
    }

    long written = System.nanoTime();
    for (int i = 0; i < REMINDERS; i++) {
      String department = departments.get(i % departments.size());
      Map<String, Object> model = new HashMap<>(models.get(department));
      model.put("timeText", "");
      model.put("sentAtText", "");
      mailService.enqueue(
          new MailMessage(
              "reminder:bench:" + title + ":" + i,
              MailKind.REMINDER,
              notice.noticeId(),
              department,
              List.of("d%05d@bench.example.cn".formatted(i)),
              model));
    }
    double writeSeconds = (System.nanoTime() - written) / 1e9;

    TestMailServer.purge();
    int threads = properties.dispatcher().threads();
    long started = System.nanoTime();
    MailDispatcher.Run run = dispatcher.dispatchDue(threads);
    double seconds = (System.nanoTime() - started) / 1e9;
    List<MimeMessage> received = TestMailServer.received();
    Set<String> ids = new HashSet<>();
    for (MimeMessage m : received) {
      ids.add(m.getMessageID());
    }
    assertThat(run.sent()).isEqualTo(REMINDERS);
    assertThat(received).hasSize(REMINDERS);
    assertThat(ids).hasSize(REMINDERS);
    assertThat(mailLog.findByKeyPrefix("reminder:bench:" + title + ":"))
        .allMatch(e -> e.state() == MailState.SENT && e.attempts() == 1);

    int plainCount = Math.min(REMINDERS, 2_000); // a rate; it needs no more messages than this
    double plain = plainSends(plainCount);
    double bareBatches = bareBatchSends(plainCount, threads);

    BenchmarkReport.publish(
        "4b. Outbox dispatch",
        """
        | reminders due at once | written to the outbox in | delivered into GreenMail in | mails/s (goal ≥ 200) | delivered exactly once | baseline: plain JavaMail sends, one connection each, 4 threads | bare batch sends, %d per connection, %d threads |
        |---|---|---|---|---|---|---|
        | %,d | %.1f s | %.1f s | %.0f | %,d messages, %,d distinct Message-IDs | %.0f mails/s | %.0f mails/s |

        10,000 reminder rows due at the same moment in mail_log for the %d departments of one notice;
        the dispatcher (%d threads, batches of %d) claims them, checks each against the record (still
        owed, same deadline, notice open), renders it as of sending and sends each batch over one
        SMTP connection (`JavaMailSender.send(MimeMessage...)`), then marks the batch sent. The
        watch's part (its timer writing the row) is measured in 4.
        """
            .formatted(
                properties.dispatcher().batchSize(),
                threads,
                REMINDERS,
                writeSeconds,
                seconds,
                REMINDERS / seconds,
                received.size(),
                ids.size(),
                plain,
                bareBatches,
                departments.size(),
                threads,
                properties.dispatcher().batchSize()));
  }

  /** Plain sends as before the outbox: one SMTP connection per message, 4 threads. */
  private double plainSends(int count) throws Exception {
    TestMailServer.purge();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < count; i++) {
      int n = i;
      pool.submit(
          () -> {
            var message = new org.springframework.mail.SimpleMailMessage();
            message.setFrom("noticeflow@datian.example.cn");
            message.setTo("p%05d@bench.example.cn".formatted(n));
            message.setSubject("基准邮件 " + n);
            message.setText("基准测试");
            mailSender.send(message);
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(TestMailServer.received()).hasSize(count);
    return count / seconds;
  }

  /** The SMTP side alone: batches over one connection each, as the dispatcher sends them. */
  private double bareBatchSends(int count, int threads) throws Exception {
    TestMailServer.purge();
    int batch = properties.dispatcher().batchSize();
    List<List<Integer>> batches = new ArrayList<>();
    for (int i = 0; i < count; i += batch) {
      List<Integer> b = new ArrayList<>();
      for (int j = i; j < Math.min(count, i + batch); j++) {
        b.add(j);
      }
      batches.add(b);
    }
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (List<Integer> b : batches) {
      pool.submit(
          () -> {
            List<MimeMessage> messages = new ArrayList<>();
            for (int n : b) {
              MimeMessage m = mailSender.createMimeMessage();
              MimeMessageHelper helper = new MimeMessageHelper(m, true, "UTF-8");
              helper.setFrom("noticeflow@datian.example.cn");
              helper.setTo("b%05d@bench.example.cn".formatted(n));
              helper.setSubject("基准邮件 " + n);
              helper.setText("基准测试", "<p>基准测试</p>");
              messages.add(m);
            }
            mailSender.send(messages.toArray(MimeMessage[]::new));
            return null;
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(TestMailServer.received()).hasSize(count);
    return count / seconds;
  }
}
