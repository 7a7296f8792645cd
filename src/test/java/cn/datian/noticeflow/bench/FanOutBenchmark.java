package cn.datian.noticeflow.bench;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.deadline.DeadlineSchedule;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.identity.Groups;
import cn.datian.noticeflow.notice.NoticeInput;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.notice.StepKind;
import cn.datian.noticeflow.support.TestMailServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * 2. Fan-out to 1,000 and 10,000 recipients, then every acknowledgement by 8 concurrent clients; 4.
 * the 10,000 reminders that then fall due at once, mailed to GreenMail. Each next to the bare
 * processes (fan-out, acknowledgements) or to plain JavaMail sends (reminders).
 *
 * <p>Runs with a generated directory of 10,000 departments and with the engine's job executor on
 * (as in production, default settings), so jobs run as they would in a node.
 */
@DirtiesContext // its job executor must not go on running other benchmarks' jobs
class FanOutBenchmark extends BenchmarkSupport {

  /** Notices published through the real lifecycle, each beside the bare fan-out in the same run. */
  static final int[] SIZES =
      java.util.Arrays.stream(System.getProperty("bench.fanout.sizes", "1000,10000").split(","))
          .mapToInt(Integer::parseInt)
          .toArray();

  static final int LARGEST = java.util.Arrays.stream(SIZES).max().orElseThrow();
  static final int DIRECTORY = LARGEST;

  /**
   * The acknowledgements by 8 clients and the reminders after the largest fan-out (long: off for a
   * fan-out-only run).
   */
  static final boolean AFTERWARDS =
      Boolean.parseBoolean(System.getProperty("bench.fanout.afterwards", "true"));

  static final int BATCH = 100; // noticeflow.fan-out.batch-size's default, for both sides
  static final int CLIENTS = 8;
  static final String FAN_OUT_NOTES =
      """

        From the office head's sign-off (the Java API call; "answers in" is that call alone) until every
        department's acknowledgement task exists, jobs run by the engine's job executor (4–8 threads):
        publishing (a row per recipient), batches of %d top-level department-response instances per job,
        each response's asynchronous start. The bare processes do the same on the plain engine (no
        listener, delegate, form or table of ours; bench.BareProcesses). Goal at 10,000: sign-off < 1 s,
        every task < 30 s on PostgreSQL, heap ≤ 512 MB. Peak heap: the heap pools' peaks after a full
        GC at the start, garbage included (an upper bound; the JVM may use up to -Xmx2g).
        """;
  static final Duration PATIENCE = Duration.ofMinutes(20);

  @DynamicPropertySource
  static void bigDirectory(DynamicPropertyRegistry registry) {
    Path directory = Path.of("target", "bench", "directory-" + DIRECTORY + ".yaml");
    registry.add("noticeflow.directory", () -> "file:" + generateDirectory(directory, DIRECTORY));
    registry.add("noticeflow.demo.users", () -> "false");
    registry.add("camunda.bpm.job-execution.enabled", () -> "true");
    registry.add("camunda.bpm.generic-properties.properties.job-executor-activate", () -> "true");
    registry.add("noticeflow.fan-out.batch-size", () -> String.valueOf(BATCH));
    // the outbox's dispatcher polls as on a production node (the test profile has it off)
    registry.add("noticeflow.mail.dispatcher.enabled", () -> "true");
    registry.add("noticeflow.mail.dispatcher.poll-interval", () -> "PT1S");
  }

  @Autowired RepositoryService repositoryService;
  @Autowired NoticeRepository notices;
  @Autowired DeadlineSchedule schedule;
  @Autowired JavaMailSender mailSender;

  @Test
  void fanOut_acknowledgements_andReminders() throws Exception {
    BareProcesses.deploy(repositoryService);
    // no demo users (20,000 for this directory); the deciders are checked against user rows
    member(DemoUsers.OFFICE_HEAD, Groups.OFFICE_HEAD);
    member(DemoUsers.OFFICE_CLERK, Groups.OFFICE);
    LocalDate today = LocalDate.now(ZONE);

    // through the real lifecycle: the office head's sign-off, publishing, the batches, every
    // department's asynchronous start; beside it the same shape on the plain engine
    StringBuilder fanOut =
        new StringBuilder(
            """
        | recipients | sign-off answers in | until every task exists: seed notice | bare processes | ratio | per recipient (seed) | peak heap (seed) |
        |---|---|---|---|---|---|---|
        """);
    IssuedNotice notice = null;
    String title = null;
    for (int size : SIZES) {
      List<String> recipients = departments(size);
      title = "扇出基准 " + size + " " + System.nanoTime();
      notice =
          noticeService.issue(
              new NoticeInput(
                  title,
                  null,
                  "大田县质量强县工作领导小组办公室",
                  null,
                  "基准测试",
                  today.plusDays(30).toString(),
                  today.plusDays(14).toString(),
                  recipients),
              DemoUsers.OFFICE_CLERK,
              List.of(Groups.OFFICE));
      Task signOff = task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE);
      String seedTitle = title;
      BenchmarkReport.resetPeakHeap();
      double[] answered = new double[1];
      double seed =
          timed(
              () ->
                  answered[0] =
                      timed(
                          () ->
                              completeAs(
                                  DemoUsers.OFFICE_HEAD,
                                  List.of(Groups.OFFICE_HEAD),
                                  signOff,
                                  Map.of("signOffDecision", "approve")),
                          () -> true),
              () -> acknowledgementTasks(seedTitle) == size);
      long peakHeap = BenchmarkReport.peakHeapBytes();
      String lifecycle = notice.processInstanceId();
      waitUntil(
          () ->
              runtimeService.createEventSubscriptionQuery().processInstanceId(lifecycle).count()
                  == 1); // it waits

      String bareKey = "bare-" + size + "-" + System.nanoTime();
      ProcessInstance bare =
          runtimeService.startProcessInstanceByKey(
              BareProcesses.FAN_OUT_LIFECYCLE,
              bareKey,
              Map.of("recipientCount", size, "batchSize", BATCH));
      Task bareSignOff = task(bare.getId(), TASK_SIGN_OFF_NOTICE);
      double bareSeconds =
          timed(
              () ->
                  completeAs(
                      DemoUsers.OFFICE_HEAD, List.of(Groups.OFFICE_HEAD), bareSignOff, Map.of()),
              () ->
                  taskService
                          .createTaskQuery()
                          .processInstanceBusinessKey(bareKey)
                          .taskDefinitionKey(TASK_ACKNOWLEDGE_NOTICE)
                          .count()
                      >= size);
      deleteWithResponses(bare.getId(), bareKey);
      if (size != LARGEST) {
        // its departments would otherwise fall overdue when the clock moves for the reminders
        deleteWithResponses(notice.processInstanceId(), notice.noticeId());
      }
      fanOut.append(
          "| %,d | %.2f s | %.1f s | %.1f s | %.2f | %.1f ms | %s |%n"
              .formatted(
                  size,
                  answered[0],
                  seed,
                  bareSeconds,
                  seed / bareSeconds,
                  seed * 1000 / size,
                  BenchmarkReport.mib(peakHeap)));
      // each size as soon as it is measured: a run stopped later keeps its figures
      BenchmarkReport.publish(
          "2. Fan-out and acknowledgements",
          fanOut
              + FAN_OUT_NOTES.formatted(BATCH)
              + """

          Acknowledgements by %d concurrent clients and the reminders (benchmark 4): not measured in this
          run (stopped after the sizes above, or -Dbench.fanout.afterwards=false).
          """
                  .formatted(CLIENTS));
    }
    String fanOutNotes = FAN_OUT_NOTES.formatted(BATCH);
    if (!AFTERWARDS) {
      return; // published above, size by size
    }

    List<Task> seedTasks =
        taskService
            .createTaskQuery()
            .taskDefinitionKey(TASK_ACKNOWLEDGE_NOTICE)
            .taskVariableValueEquals("noticeTitle", title)
            .list();
    AtomicInteger seedConflicts = new AtomicInteger();
    double seedAcks =
        LARGEST
            / concurrently(
                seedTasks,
                seedConflicts,
                task -> {
                  String department =
                      (String) taskService.getVariable(task.getId(), "departmentId");
                  completeAs(
                      DemoUsers.clerkOf(department),
                      List.of(department, Groups.DEPARTMENT_STAFF),
                      task,
                      Map.of("contactName", "联络员", "contactPhone", "0598-0000000"));
                });
    long recorded =
        notices.steps(notice.noticeId()).stream()
            .filter(s -> s.step() == StepKind.ACKNOWLEDGED)
            .count();
    assertThat(recorded).isEqualTo(LARGEST);

    List<ProcessInstance> bareResponses = new ArrayList<>();
    for (String department : departments(LARGEST)) {
      bareResponses.add(
          runtimeService.startProcessInstanceByKey(
              BareProcesses.RESPONSE, Map.of("departmentId", department)));
    }
    List<Task> bareTasks =
        taskService
            .createTaskQuery()
            .processDefinitionKey(BareProcesses.RESPONSE)
            .taskDefinitionKey(TASK_ACKNOWLEDGE_NOTICE)
            .list();
    AtomicInteger bareConflicts = new AtomicInteger();
    double bareAcks =
        bareTasks.size()
            / concurrently(
                bareTasks,
                bareConflicts,
                task -> {
                  String department =
                      (String) taskService.getVariable(task.getId(), "departmentId");
                  completeAs(
                      DemoUsers.clerkOf(department),
                      List.of(department, Groups.DEPARTMENT_STAFF),
                      task,
                      Map.of());
                });

    BenchmarkReport.publish(
        "2. Fan-out and acknowledgements",
        fanOut
            + fanOutNotes
            + """

        | acknowledgements by %d concurrent clients | per second | optimistic-locking failures surfaced | recorded |
        |---|---|---|---|
        | seed notice, %,d departments | %.0f | %d | %,d of %,d |
        | bare response process, %,d | %.0f | %d | — |

        Each client completes tasks through the Java API as the department's clerk; a failure
        surfaced is an OptimisticLockingException reaching the client (it then retries the task).
        """
                .formatted(
                    CLIENTS,
                    LARGEST,
                    seedAcks,
                    seedConflicts.get(),
                    recorded,
                    LARGEST,
                    bareTasks.size(),
                    bareAcks,
                    bareConflicts.get()));
    bareResponses.forEach(
        p -> runtimeService.deleteProcessInstance(p.getId(), "benchmark baseline done"));

    reminders(notice, LARGEST);
  }

  private void member(String userId, String groupId) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      identityService.saveUser(identityService.newUser(userId));
    }
    if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(userId, groupId);
    }
  }

  /** A lifecycle and the top-level responses it started (business key), all at once. */
  private void deleteWithResponses(String lifecycle, String businessKey) {
    List<String> ids =
        new ArrayList<>(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey)
                .list()
                .stream()
                .map(ProcessInstance::getId)
                .toList());
    ids.remove(lifecycle);
    runtimeService.deleteProcessInstances(
        List.of(lifecycle), "benchmark fan-out measured", true, true);
    for (int from = 0; from < ids.size(); from += 1000) {
      runtimeService.deleteProcessInstances(
          ids.subList(from, Math.min(ids.size(), from + 1000)),
          "benchmark fan-out measured",
          true,
          true);
    }
  }

  private long acknowledgementTasks(String title) {
    return taskService
        .createTaskQuery()
        .taskDefinitionKey(TASK_ACKNOWLEDGE_NOTICE)
        .taskVariableValueEquals("noticeTitle", title)
        .count();
  }

  /** Moves the clock to the first summary reminder and waits until GreenMail has them all. */
  private void reminders(IssuedNotice notice, int size) throws Exception {
    var deadline = notices.find(notice.noticeId()).orElseThrow().deadline().toInstant();
    var remindAt = schedule.reminderAt(deadline, Duration.ofDays(3));
    TestMailServer.purge();
    ClockUtil.setCurrentTime(Date.from(remindAt.plusSeconds(60)));
    long started = System.nanoTime();
    waitUntil(() -> TestMailServer.received().size() >= size);
    double seconds = (System.nanoTime() - started) / 1e9;
    Thread.sleep(3000); // a duplicate would arrive now
    List<MimeMessage> received = TestMailServer.received();
    Set<String> ids = new HashSet<>();
    for (MimeMessage m : received) {
      ids.add(m.getMessageID());
    }

    // baseline: the same number of plain messages through the same JavaMailSender, 4 threads
    TestMailServer.purge();
    int plainCount = Math.min(size, 2_000); // a rate; it needs no more messages than this
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < plainCount; i++) {
      numbers.add(i);
    }
    long plainStarted = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i : numbers) {
      pool.submit(
          () -> {
            var message = new org.springframework.mail.SimpleMailMessage();
            message.setFrom("noticeflow@datian.example.cn");
            message.setTo("d%05d@bench.example.cn".formatted(i));
            message.setSubject("基准邮件 " + i);
            message.setText("基准测试");
            mailSender.send(message);
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
    double plainSeconds = (System.nanoTime() - plainStarted) / 1e9;
    assertThat(TestMailServer.received()).hasSize(plainCount);

    assertThat(received).hasSize(size);
    assertThat(ids).hasSize(size);
    BenchmarkReport.publish(
        "4. Reminders",
        """
        | reminders due at once | into GreenMail in | mails/s (goal ≥ 200) | delivered exactly once | baseline: plain JavaMail sends, 4 threads |
        |---|---|---|---|---|
        | %,d | %.1f s | %.0f | %,d messages, %,d distinct Message-IDs | %.0f mails/s |

        The clock is moved to the first summary reminder (3 working days before the deadline, 09:00);
        each department's deadline watch fires, plans and writes the reminder to the outbox (mail_log);
        the outbox's dispatcher (polling every second, batches of 50 over one SMTP connection) sends them.
        """
            .formatted(
                size,
                seconds,
                size / seconds,
                received.size(),
                ids.size(),
                plainCount / plainSeconds));
  }

  // --- helpers ------------------------------------------------------------------------------

  private void completeAs(
      String user, List<String> groups, Task task, Map<String, Object> variables) {
    identityService.setAuthentication(user, groups);
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Completes the tasks from CLIENTS threads; returns the seconds it took. */
  private double concurrently(List<Task> tasks, AtomicInteger conflicts, Consumer<Task> complete)
      throws Exception {
    ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>(tasks);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    long started = System.nanoTime();
    for (int c = 0; c < CLIENTS; c++) {
      clients.submit(
          () -> {
            for (Task task; (task = queue.poll()) != null; ) {
              for (int attempt = 1; ; attempt++) {
                try {
                  complete.accept(task);
                  break;
                } catch (OptimisticLockingException e) {
                  conflicts.incrementAndGet();
                  if (attempt == 5) {
                    throw e;
                  }
                }
              }
            }
            return null;
          });
    }
    clients.shutdown();
    assertThat(clients.awaitTermination(PATIENCE.toMinutes(), TimeUnit.MINUTES)).isTrue();
    return (System.nanoTime() - started) / 1e9;
  }

  private static double timed(Runnable start, BooleanSupplier done) {
    long started = System.nanoTime();
    start.run();
    waitUntil(done);
    return (System.nanoTime() - started) / 1e9;
  }

  private static void waitUntil(BooleanSupplier done) {
    long giveUp = System.nanoTime() + PATIENCE.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("still waiting after " + PATIENCE).isLessThan(giveUp);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  static List<String> departments(int size) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      ids.add("d%05d".formatted(i));
    }
    return ids;
  }

  /** The real directory's common activities with {@code size} generated departments. */
  static Path generateDirectory(Path file, int size) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (InputStream in =
        FanOutBenchmark.class.getResourceAsStream("/directory/departments.yaml")) {
      ObjectNode directory = (ObjectNode) yaml.readTree(in);
      ArrayNode departments = directory.putArray("departments");
      for (String id : departments(size)) {
        departments
            .addObject()
            .put("id", id)
            .put("name", "基准单位" + id.substring(1))
            .put("kind", "county-department")
            .put("participation", "mandatory")
            .put("email", id + "@bench.example.cn");
      }
      Files.createDirectories(file.getParent());
      yaml.writeValue(file.toFile(), directory);
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
