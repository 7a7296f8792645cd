package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CONSOLIDATE_REPORT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REVIEW_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_CONSOLIDATION;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_UPLOAD_EVIDENCE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.identity.Groups;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.response.ResponseRepository;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A notice to 1,000 recipients, run to closure by the engine's job executor (#15): publishing
 * starts the responses in batches, one recipient's start fails (one incident; the other 999 get
 * their tasks and finish), the operator repairs it and retries, and the lifecycle closes after the
 * last. Tasks are completed through the engine's API from four threads; most recipients are
 * enterprises that decline (one step), twenty are departments that go the whole way.
 *
 * <p>A context of its own: its own in-memory database, a directory of 1,000 recipients, the job
 * executor on (closed after the class, so it runs no other test's jobs).
 */
@Tag(
    "fan-out") // own JVM: a second engine in one JVM takes /engine-rest's "default" from the others
@DirtiesContext
class FanOutToClosureTest extends ProcessTestSupport {

  static final int RECIPIENTS = 1_000;
  static final int MANDATORY = 20;
  static final String BROKEN = id(RECIPIENTS / 2);
  static final Duration PATIENCE = Duration.ofMinutes(10);

  @DynamicPropertySource
  static void thousandRecipients(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url", () -> "jdbc:h2:mem:noticeflow-fan-out-1000;DB_CLOSE_DELAY=-1");
    registry.add(
        "noticeflow.directory", () -> "file:" + directory(Path.of("target", "fan-out-1000.yaml")));
    registry.add("noticeflow.demo.users", () -> "false"); // acting users are set, not looked up
    registry.add("noticeflow.fan-out.batch-size", () -> "100");
    registry.add("camunda.bpm.job-execution.enabled", () -> "true");
    registry.add("camunda.bpm.generic-properties.properties.job-executor-activate", () -> "true");
  }

  @Autowired FanOutRepository fanOut;
  @Autowired NoticeRepository notices;
  @Autowired ResponseRepository recipientRows;
  @Autowired JdbcClient jdbc;

  @Test
  void aThousandRecipients_oneFailingStart_runToClosure() throws Exception {
    // the responses' starts are held until the one recipient's record is broken (a failure to
    // come at a known place, whatever order the job executor takes)
    managementService.suspendJobDefinitionByProcessDefinitionKey("department-response", true);
    // the deciders are checked against the identity service: only they need a user row
    member(DemoUsers.OFFICE_HEAD, Groups.OFFICE_HEAD);
    member(DemoUsers.OFFICE_CLERK, Groups.OFFICE);
    for (int i = 1; i <= MANDATORY; i++) {
      member(DemoUsers.headOf(id(i)), Department.headsGroupIdOf(id(i)));
    }
    LocalDate today = LocalDate.now(ZONE);
    List<String> recipients = new ArrayList<>();
    for (int i = 1; i <= RECIPIENTS; i++) {
      recipients.add(id(i));
    }
    IssuedNotice notice =
        noticeService.issue(
            new NoticeInput(
                "千家接收单位",
                null,
                "大田县质量强县工作领导小组办公室",
                null,
                "测试通知正文",
                today.plusDays(30).toString(),
                today.plusDays(10).toString(),
                recipients),
            DemoUsers.OFFICE_CLERK,
            List.of(Groups.OFFICE));
    complete(
        DemoUsers.OFFICE_HEAD,
        List.of(Groups.OFFICE_HEAD),
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));

    // publishing and the batches run in the job executor: every response is created
    awaitUntil("every response created", () -> waitsForResponses(notice));
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey("department-response")
                .processInstanceBusinessKey(notice.noticeId())
                .count())
        .isEqualTo(RECIPIENTS);
    String broken = responseOfNotice(notice.noticeId(), BROKEN).getId();
    rebind(notice.noticeId(), BROKEN, "broken-" + broken);
    managementService.activateJobDefinitionByProcessDefinitionKey("department-response", true);

    // one incident, on the broken recipient's own instance; the other 999 get their tasks
    awaitUntil("999 acknowledgement tasks", () -> acknowledgements(notice) == RECIPIENTS - 1);
    awaitUntil(
        "the incident",
        () -> runtimeService.createIncidentQuery().processInstanceId(broken).count() == 1);
    assertThat(runtimeService.createIncidentQuery().count()).isEqualTo(1);

    // the 999 finish, from four clients at once
    List<Task> open =
        taskService
            .createTaskQuery()
            .processInstanceBusinessKey(notice.noticeId())
            .taskDefinitionKey(TASK_ACKNOWLEDGE_NOTICE)
            .list();
    inParallel(open, this::finish);
    awaitUntil("999 finished", () -> finished(notice) == RECIPIENTS - 1);
    assertThat(instance(notice.processInstanceId())).isNotNull();
    assertThat(taskService.createTaskQuery().processInstanceId(notice.processInstanceId()).count())
        .isZero();
    assertThat(fanOut.finished(notice.noticeId()))
        .isFalse(); // the broken one still owes its answer

    // the operator repairs the record and retries (Cockpit); the last recipient answers
    Incident incident =
        runtimeService.createIncidentQuery().processInstanceId(broken).singleResult();
    rebind(notice.noticeId(), BROKEN, broken);
    managementService.setJobRetries(incident.getConfiguration(), 1);
    awaitUntil("the repaired recipient's task", () -> acknowledgements(notice) == 1);
    finish(taskService.createTaskQuery().processInstanceId(broken).singleResult());

    // the lifecycle goes on, once, and closes
    awaitUntil(
        "consolidation",
        () ->
            taskService
                    .createTaskQuery()
                    .processInstanceId(notice.processInstanceId())
                    .taskDefinitionKey(TASK_CONSOLIDATE_REPORT)
                    .count()
                == 1);
    assertThat(
            (String)
                runtimeService.getVariable(notice.processInstanceId(), "consolidationOverview"))
        .contains("共 1000 个接收单位", MANDATORY + " 个总结已通过审核", (RECIPIENTS - MANDATORY) + " 个自愿谢绝");
    complete(
        DemoUsers.OFFICE_CLERK,
        List.of(Groups.OFFICE),
        task(notice.processInstanceId(), TASK_CONSOLIDATE_REPORT),
        Map.of("consolidatedSummary", "均已办结。"));
    complete(
        DemoUsers.OFFICE_HEAD,
        List.of(Groups.OFFICE_HEAD),
        task(notice.processInstanceId(), TASK_SIGN_OFF_CONSOLIDATION),
        Map.of("consolidationDecision", "approve"));
    awaitUntil(
        "closed",
        () -> notices.find(notice.noticeId()).orElseThrow().state() == NoticeState.CLOSED);
    assertThat(
            notices.steps(notice.noticeId()).stream()
                .filter(s -> s.step() == StepKind.CLOSED)
                .count())
        .isEqualTo(1);
    assertThat(runtimeService.createIncidentQuery().count()).isZero();
  }

  private void member(String userId, String groupId) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      identityService.saveUser(identityService.newUser(userId));
    }
    if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
      identityService.saveGroup(identityService.newGroup(groupId));
    }
    if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(userId, groupId);
    }
  }

  private boolean waitsForResponses(IssuedNotice notice) {
    return fanOut.unstarted(notice.noticeId(), 1).isEmpty()
        && runtimeService
                .createEventSubscriptionQuery()
                .processInstanceId(notice.processInstanceId())
                .eventName(ResponseFanOut.ALL_RESPONSES_FINISHED)
                .count()
            == 1;
  }

  private long acknowledgements(IssuedNotice notice) {
    return taskService
        .createTaskQuery()
        .processInstanceBusinessKey(notice.noticeId())
        .taskDefinitionKey(TASK_ACKNOWLEDGE_NOTICE)
        .count();
  }

  private long finished(IssuedNotice notice) {
    return recipientRows.recipients(notice.noticeId()).stream()
        .filter(r -> r.stage().isFinal())
        .count();
  }

  private void rebind(String noticeId, String departmentId, String processInstanceId) {
    jdbc.sql(
            "update notice_recipient set process_instance_id = :pi where notice_id = :n and department_id = :d")
        .param("pi", processInstanceId)
        .param("n", noticeId)
        .param("d", departmentId)
        .update();
  }

  /** One recipient's whole response: an enterprise declines; a department goes every step. */
  private void finish(Task acknowledgement) {
    String response = acknowledgement.getProcessInstanceId();
    String department = recipientRows.recipientOfProcess(response).orElseThrow().departmentId();
    List<String> staff = List.of(department, Groups.DEPARTMENT_STAFF);
    if (Integer.parseInt(department.substring(1)) > MANDATORY) {
      complete(
          DemoUsers.clerkOf(department),
          staff,
          acknowledgement,
          Map.of("acknowledgement", "decline", "declineReason", "自愿不参加"));
      return;
    }
    complete(
        DemoUsers.clerkOf(department),
        staff,
        acknowledgement,
        Map.of("contactName", "联络员", "contactPhone", "0598-0000000"));
    complete(
        DemoUsers.clerkOf(department),
        staff,
        next(response, TASK_RECORD_ACTIVITIES),
        Map.of("activities", oneActivity("质量宣传")));
    try {
      evidenceService.upload(
          recipientRows.recipientOfProcess(response).orElseThrow().noticeId(),
          department,
          "活动总结.pdf",
          new ByteArrayInputStream(SUMMARY_PDF),
          new CurrentUser(DemoUsers.clerkOf(department), java.util.Set.of(department)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    complete(
        DemoUsers.clerkOf(department),
        staff,
        next(response, TASK_UPLOAD_EVIDENCE),
        Map.of(
            "summaryText",
            "活动总结",
            "paperCopyDelivered",
            true,
            "paperDeliveredOn",
            today(),
            "paperDeliveredTo",
            "领导小组办公室"));
    complete(
        DemoUsers.headOf(department),
        List.of(Department.headsGroupIdOf(department), Groups.DEPARTMENT_STAFF),
        next(response, TASK_SIGN_OFF_SUMMARY),
        Map.of("headDecision", "approve"));
    complete(
        DemoUsers.OFFICE_CLERK,
        List.of(Groups.OFFICE),
        next(response, TASK_REVIEW_SUMMARY),
        Map.of("reviewDecision", "accept"));
  }

  private Task next(String response, String key) {
    return taskService
        .createTaskQuery()
        .processInstanceId(response)
        .taskDefinitionKey(key)
        .singleResult();
  }

  /** Completes as the user with these groups (no user rows: the directory has 2,000 of them). */
  private void complete(
      String user, List<String> groups, Task task, Map<String, Object> variables) {
    for (int attempt = 1; ; attempt++) {
      identityService.setAuthentication(user, groups);
      try {
        taskService.claim(task.getId(), user);
        taskService.complete(task.getId(), variables);
        return;
      } catch (OptimisticLockingException e) {
        // a job of the same response (its deadline watch) ran at that moment: as a user, retry
        if (attempt == 3) {
          throw e;
        }
      } finally {
        identityService.clearAuthentication();
      }
    }
  }

  private void inParallel(List<Task> tasks, java.util.function.Consumer<Task> work)
      throws Exception {
    ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>(tasks);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      done.add(
          clients.submit(
              () -> {
                for (Task t; (t = queue.poll()) != null; ) {
                  work.accept(t);
                }
              }));
    }
    clients.shutdown();
    for (Future<?> f : done) {
      f.get();
    }
  }

  private static void awaitUntil(String what, BooleanSupplier condition)
      throws InterruptedException {
    long giveUp = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("still waiting for " + what).isLessThan(giveUp);
      Thread.sleep(100);
    }
  }

  static String id(int i) {
    return "r%04d".formatted(i);
  }

  /** The real directory's common activities with 1,000 generated recipients. */
  static Path directory(Path file) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (InputStream in =
        FanOutToClosureTest.class.getResourceAsStream("/directory/departments.yaml")) {
      ObjectNode directory = (ObjectNode) yaml.readTree(in);
      ArrayNode departments = directory.putArray("departments");
      for (int i = 1; i <= RECIPIENTS; i++) {
        boolean mandatory = i <= MANDATORY;
        departments
            .addObject()
            .put("id", id(i))
            .put("name", (mandatory ? "测试单位" : "测试企业") + i)
            .put("kind", mandatory ? "county-department" : "enterprise")
            .put("participation", mandatory ? "mandatory" : "voluntary")
            .put("email", id(i) + "@test.example.cn");
      }
      Files.createDirectories(file.getParent());
      yaml.writeValue(file.toFile(), directory);
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
