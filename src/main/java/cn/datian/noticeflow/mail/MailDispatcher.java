package cn.datian.noticeflow.mail;

import cn.datian.noticeflow.common.EngineTime;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Delivers the outbox. Any node may run it at any time: it claims due messages in the database
 * ({@link MailLog#claim}), so each message goes out from one node, once. For each message it asks
 * the feature that queued it what is true now ({@link MailContent}), renders it then, and sends a
 * whole batch over one SMTP connection. A message that fails waits with a growing back-off and is
 * tried again, on any node, for as long as it matters; nothing here ever fails a process.
 *
 * <p>A message counts as sent once the SMTP server took it and its row says so. A node dying
 * between the two (a batch's claim lapses after {@code claim-for}) sends those few again under the
 * same Message-ID, which receiving servers and clients can recognise.
 */
@Component
public class MailDispatcher {

  private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

  static {
    // Jakarta Mail 2.1 looks its StreamProvider up through ServiceLoader on every encoded header
    // or part (MimeUtility), scanning the class path each time: with Chinese subjects and bodies
    // that was most of the time a message cost (benchmark 4b). Named here, the lookup is a class
    // by name instead. Left alone if the deployment names one itself.
    String provider = "jakarta.mail.util.StreamProvider";
    String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
    if (System.getProperty(provider) == null
        && ClassUtils.isPresent(angus, MailDispatcher.class.getClassLoader())) {
      System.setProperty(provider, angus);
    }
  }

  private final MailLog mailLog;
  private final MailComposer composer;
  private final MailProperties properties;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final List<MailContent> contents;
  private final String node;

  public MailDispatcher(
      MailLog mailLog,
      MailComposer composer,
      MailProperties properties,
      ObjectProvider<JavaMailSender> mailSender,
      List<MailContent> contents) {
    this.mailLog = mailLog;
    this.composer = composer;
    this.properties = properties;
    this.mailSender = mailSender;
    this.contents = List.copyOf(contents);
    this.node = ManagementFactory.getRuntimeMXBean().getName();
  }

  /** What one run did. */
  public record Run(int sent, int skipped, int failed, int expired) {
    Run plus(Run other) {
      return new Run(
          sent + other.sent,
          skipped + other.skipped,
          failed + other.failed,
          expired + other.expired);
    }

    public int handled() {
      return sent + skipped + failed;
    }
  }

  /** Delivers every message due now on the calling thread, batch by batch (what tests call). */
  public Run dispatchDue() {
    Run run = new Run(0, 0, 0, expire());
    while (true) {
      Batch batch = deliverOneBatch();
      run = run.plus(batch.run());
      if (batch.claimed() < properties.dispatcher().batchSize() || batch.serverDown()) {
        return run;
      }
    }
  }

  /** The same with several batches at once (the scheduler's way, and the benchmark's). */
  public Run dispatchDue(int threads) {
    if (threads <= 1) {
      return dispatchDue();
    }
    Run run = new Run(0, 0, 0, expire());
    // one batch first: an idle poll costs one claim query, not one per thread
    Batch first = deliverOneBatch();
    run = run.plus(first.run());
    if (first.claimed() < properties.dispatcher().batchSize() || first.serverDown()) {
      return run;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Run>> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        workers.add(
            pool.submit(
                () -> {
                  Run own = new Run(0, 0, 0, 0);
                  while (true) {
                    Batch batch = deliverOneBatch();
                    own = own.plus(batch.run());
                    if (batch.claimed() < properties.dispatcher().batchSize()
                        || batch.serverDown()) {
                      return own;
                    }
                  }
                }));
      }
      for (Future<Run> worker : workers) {
        run = run.plus(worker.get());
      }
      return run;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return run;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("Mail dispatch failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private int expire() {
    Instant now = EngineTime.now();
    int expired = mailLog.expire(now.minus(properties.dispatcher().giveUpAfter()), now);
    if (expired > 0) {
      log.warn(
          "Gave up {} mail(s) unsent for longer than {} (state EXPIRED in mail_log)",
          expired,
          properties.dispatcher().giveUpAfter());
    }
    return expired;
  }

  private record Batch(int claimed, Run run, boolean serverDown) {}

  private record Prepared(MailLog.Entry entry, MailComposer.Rendered rendered, MimeMessage mime) {}

  private Batch deliverOneBatch() {
    Instant now = EngineTime.now();
    String token = node + ":" + UUID.randomUUID();
    List<MailLog.Entry> claimed =
        mailLog.claim(
            token, properties.dispatcher().batchSize(), now, properties.dispatcher().claimFor());
    if (claimed.isEmpty()) {
      return new Batch(0, new Run(0, 0, 0, 0), false);
    }
    Map<MailLog.Entry, MailContent.Outcome> outcomes = refresh(claimed, now);
    JavaMailSender sender = mailSender.getIfAvailable();
    List<Prepared> prepared = new ArrayList<>();
    int skipped = 0;
    int failed = 0;
    for (MailLog.Entry entry : claimed) {
      MailContent.Outcome outcome = outcomes.get(entry);
      if (outcome instanceof MailContent.Skip skip) {
        log.info("Mail {} ({}) not sent: {}", entry.messageId(), entry.key(), skip.reason());
        mailLog.markSkipped(token, entry.id(), skip.reason(), now);
        skipped++;
        continue;
      }
      try {
        Map<String, Object> model = ((MailContent.Send) outcome).model();
        MailComposer.Rendered rendered =
            model.isEmpty() // queued before the outbox kept models (V6): as rendered then
                ? new MailComposer.Rendered(entry.subject(), entry.text(), entry.html())
                : composer.render(entry.kind(), model);
        prepared.add(
            new Prepared(
                entry, rendered, sender == null ? null : mimeMessage(sender, entry, rendered)));
      } catch (RuntimeException | MessagingException e) {
        failed(token, entry, now, "邮件内容生成失败: " + answer(e), e);
        failed++;
      }
    }
    if (sender == null) {
      for (Prepared p : prepared) {
        log.info(
            "No SMTP server configured; recorded mail {} to {}: {}\n{}",
            p.entry().messageId(),
            p.entry().recipients(),
            p.rendered().subject(),
            p.rendered().text());
      }
      mailLog.markDelivered(token, delivered(prepared, MailState.RECORDED), now);
      return new Batch(claimed.size(), new Run(prepared.size(), skipped, failed, 0), false);
    }
    Map<Object, Exception> refused = send(sender, prepared);
    List<Prepared> sent = prepared.stream().filter(p -> !refused.containsKey(p.mime())).toList();
    mailLog.markDelivered(token, delivered(sent, MailState.SENT), EngineTime.now());
    boolean serverDown =
        !prepared.isEmpty()
            && refused.size() == prepared.size()
            && refused.values().stream().distinct().count() == 1;
    if (serverDown) {
      // one failure for all: the server could not be reached; one line says so for the batch
      Exception cause = refused.values().iterator().next();
      Instant next = null;
      for (Prepared p : prepared) {
        next = markFailed(token, p.entry(), now, answer(cause));
      }
      log.warn(
          "SMTP delivery failed for {} mail(s), next attempt from {}: {}",
          prepared.size(),
          next,
          answer(cause));
      log.debug("SMTP failure", cause);
    } else {
      for (Prepared p : prepared) {
        Exception e = refused.get(p.mime());
        if (e != null) {
          failed(token, p.entry(), now, answer(e), e);
        }
      }
    }
    return new Batch(
        claimed.size(), new Run(sent.size(), skipped, failed + refused.size(), 0), serverDown);
  }

  /** Sends the batch over one connection; the messages the server did not take, with why. */
  private static Map<Object, Exception> send(JavaMailSender sender, List<Prepared> prepared) {
    if (prepared.isEmpty()) {
      return Map.of();
    }
    MimeMessage[] batch = prepared.stream().map(Prepared::mime).toArray(MimeMessage[]::new);
    try {
      sender.send(batch);
      return Map.of();
    } catch (MailSendException e) {
      Map<Object, Exception> failed = new IdentityHashMap<>(e.getFailedMessages());
      if (failed.isEmpty()) {
        prepared.forEach(p -> failed.put(p.mime(), e));
      }
      return failed;
    } catch (MailException e) { // authentication and the like: nothing went
      Map<Object, Exception> failed = new IdentityHashMap<>();
      prepared.forEach(p -> failed.put(p.mime(), e));
      return failed;
    }
  }

  private Map<MailLog.Entry, MailContent.Outcome> refresh(
      List<MailLog.Entry> claimed, Instant now) {
    Map<MailLog.Entry, MailContent.Outcome> outcomes = new IdentityHashMap<>();
    for (MailLog.Entry entry : claimed) {
      outcomes.put(entry, new MailContent.Send(entry.model()));
    }
    for (MailContent content : contents) {
      List<MailLog.Entry> mine =
          claimed.stream().filter(e -> content.handles(e.kind()) && !e.model().isEmpty()).toList();
      if (mine.isEmpty()) {
        continue;
      }
      List<MailContent.Outcome> fresh = content.refresh(mine, now);
      for (int i = 0; i < mine.size(); i++) {
        outcomes.put(mine.get(i), fresh.get(i));
      }
    }
    return outcomes;
  }

  private void failed(String token, MailLog.Entry entry, Instant now, String answer, Exception e) {
    Instant next = markFailed(token, entry, now, answer);
    log.warn(
        "Mail {} to {} not sent (attempt {}), next attempt from {}: {}",
        entry.messageId(),
        entry.recipients(),
        entry.attempts() + 1,
        next,
        answer);
    log.debug("Mail {} failure", entry.messageId(), e);
  }

  private Instant markFailed(String token, MailLog.Entry entry, Instant now, String answer) {
    Instant next = now.plus(backOff(entry.attempts() + 1));
    mailLog.markFailed(token, entry.id(), answer, next);
    return next;
  }

  /**
   * The wait after the n-th failed attempt: 1 minute, doubling, at most 30 (configurable). A short
   * outage costs minutes, not the first retries; a long one costs the server one attempt per
   * message per half hour, not a storm, and the message is still tried until it no longer matters
   * (give-up-after).
   */
  Duration backOff(int failedAttempts) {
    Duration first = properties.dispatcher().firstRetry();
    Duration max = properties.dispatcher().maxRetry();
    int doublings = Math.min(Math.max(0, failedAttempts - 1), 20);
    Duration wait = first.multipliedBy(1L << doublings);
    return wait.compareTo(max) > 0 ? max : wait;
  }

  private static List<MailLog.Delivered> delivered(List<Prepared> prepared, MailState state) {
    return prepared.stream()
        .map(p -> new MailLog.Delivered(p.entry().id(), state, p.rendered()))
        .toList();
  }

  private MimeMessage mimeMessage(
      JavaMailSender sender, MailLog.Entry entry, MailComposer.Rendered rendered)
      throws MessagingException {
    // the sender's own message shares its parsed MIME type map (a helper on a plain MimeMessage
    // would parse mime.types again for every message)
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(properties.from());
    helper.setTo(entry.recipients().toArray(String[]::new));
    helper.setSubject(rendered.subject());
    helper.setText(rendered.text(), rendered.html());
    // deterministic: the same message always has the same Message-ID (JavaMailSenderImpl keeps
    // one set before sending)
    message.setHeader("Message-ID", entry.messageId());
    return message;
  }

  /** The server's answer (or the connection's failure) on one line, without a stack trace. */
  static String answer(Throwable e) {
    Set<String> parts = new LinkedHashSet<>();
    Throwable t = e;
    for (int depth = 0; t != null && depth < 6; depth++) {
      if (t.getMessage() != null && !(t instanceof MailSendException && t.getCause() != null)) {
        parts.add(t.getMessage().replaceAll("\\s+", " ").strip());
      }
      Throwable next =
          t instanceof MessagingException m && m.getNextException() != null
              ? m.getNextException()
              : t.getCause();
      t = next == t ? null : next;
    }
    return parts.isEmpty() ? e.getClass().getSimpleName() : String.join(" ← ", parts);
  }
}
