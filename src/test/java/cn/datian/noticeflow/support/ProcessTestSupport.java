package cn.datian.noticeflow.support;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REVIEW_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_UPLOAD_EVIDENCE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeInput;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Process tests run the real application (real delegates and services) on an in-memory H2 with the
 * job executor off: a test moves the process along by executing its jobs and by completing tasks as
 * the user who would do it in Tasklist, with that user's groups, so Camunda's authorization checks
 * apply as they do for people. The web server runs too (one shared context for every test class),
 * so API tests call the real endpoints over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(
    value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public abstract class ProcessTestSupport {

  protected static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  @Autowired protected ProcessEngine processEngine;
  @Autowired protected RuntimeService runtimeService;
  @Autowired protected TaskService taskService;
  @Autowired protected ManagementService managementService;
  @Autowired protected IdentityService identityService;
  @Autowired protected NoticeService noticeService;
  @Autowired protected TestRestTemplate http;
  @Autowired protected cn.datian.noticeflow.evidence.EvidenceService evidenceService;

  static {
    TestMailServer.ensureRunning();
  }

  @BeforeEach
  void bindAssertionsToEngine() {
    BpmnAwareTests.init(processEngine);
    TestMailServer.ensureRunning();
  }

  @AfterEach
  void resetEngineClock() {
    ClockUtil.reset();
  }

  /** Issues a notice as the office clerk, due in 20 days. */
  protected IssuedNotice issueNotice(String title, List<String> recipients) {
    LocalDate today = LocalDate.now(ZONE);
    return noticeService.issue(
        new NoticeInput(
            title,
            "测试〔2021〕1号",
            "大田县质量强县工作领导小组办公室",
            today.toString(),
            "测试通知正文",
            today.plusDays(20).toString(),
            today.plusDays(3).toString(),
            recipients),
        DemoUsers.OFFICE_CLERK,
        List.of("office"));
  }

  /** Issues a notice as the office clerk with explicit dates (for tests that move the clock). */
  protected IssuedNotice issueNotice(
      String title, List<String> recipients, String acknowledgeBy, String deadline) {
    return noticeService.issue(
        new NoticeInput(
            title, null, "大田县质量强县工作领导小组办公室", null, "测试通知正文", deadline, acknowledgeBy, recipients),
        DemoUsers.OFFICE_CLERK,
        List.of("office"));
  }

  /** Runs every due job (async continuations of the fan-out) until none is left. */
  protected void executeJobs() {
    for (int round = 0; round < 1000; round++) {
      List<Job> jobs = managementService.createJobQuery().executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new AssertionError("jobs keep coming: a loop in the process?");
  }

  /** Runs the action as the user, with the groups the identity service gives that user. */
  protected <T> T as(String userId, Supplier<T> action) {
    List<String> groups =
        identityService.createGroupQuery().groupMember(userId).list().stream()
            .map(Group::getId)
            .toList();
    identityService.setAuthentication(userId, groups);
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  protected void as(String userId, Runnable action) {
    as(
        userId,
        () -> {
          action.run();
          return null;
        });
  }

  /** The one open task of this definition key in the process instance (or its children). */
  protected Task task(String processInstanceId, String taskDefinitionKey) {
    Task task =
        taskService
            .createTaskQuery()
            .processInstanceId(processInstanceId)
            .taskDefinitionKey(taskDefinitionKey)
            .singleResult();
    assertThat(task).as(taskDefinitionKey + " is open in " + processInstanceId).isNotNull();
    return task;
  }

  /**
   * Claims and completes the task as the user, the way Tasklist does it. A task already with a
   * colleague (tasklist.NextStepAssignment keeps the next step with whoever did the last) is first
   * unclaimed by that colleague, as they would in Tasklist.
   */
  protected void completeAs(String userId, Task task, Map<String, Object> variables) {
    Task current = taskService.createTaskQuery().taskId(task.getId()).singleResult();
    String holder = current == null ? null : current.getAssignee();
    if (holder != null && !holder.equals(userId)) {
      as(holder, () -> taskService.setAssignee(task.getId(), null));
    }
    as(
        userId,
        () -> {
          taskService.claim(task.getId(), userId);
          taskService.complete(task.getId(), variables);
        });
  }

  /**
   * The running department-response instance a notice started for one department, found by notice
   * and department (responses are top-level instances with the notice id as business key), the
   * notice being the one whose lifecycle runs in this instance.
   */
  protected ProcessInstance responseOf(String lifecycleInstanceId, String departmentId) {
    return responseOfNotice(noticeService.requireByProcess(lifecycleInstanceId).id(), departmentId);
  }

  /** The running department-response instance of one department on a notice. */
  protected ProcessInstance responseOfNotice(String noticeId, String departmentId) {
    return runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey("department-response")
        .processInstanceBusinessKey(noticeId)
        .variableValueEquals("departmentId", departmentId)
        .singleResult();
  }

  protected ProcessInstance instance(String processInstanceId) {
    ProcessInstance instance =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .singleResult();
    return instance;
  }

  /** Today on the engine's clock (tests that move the clock record activities "today"). */
  protected static String today() {
    return cn.datian.noticeflow.common.EngineTime.now().atZone(ZONE).toLocalDate().toString();
  }

  /** A valid activity list as Tasklist's dynamic list submits it: a Json-typed variable. */
  protected static JsonValue oneActivity(String title) {
    return SpinValues.jsonValue(
            """
            [{"activityDate":"%s","title":"%s","kind":"publicity","place":"县城广场",
              "participants":120,"description":"分发质量月宣传材料"}]
            """
                .formatted(today(), title))
        .create();
  }

  // --- a department's steps, each done by the user who does it in Tasklist ------------------

  protected void acknowledge(String responseId, String departmentId) {
    completeAs(
        DemoUsers.clerkOf(departmentId),
        task(responseId, TASK_ACKNOWLEDGE_NOTICE),
        Map.of("contactName", "张联络", "contactPhone", "0598-1234567"));
  }

  protected void recordActivities(String responseId, String departmentId, String title) {
    completeAs(
        DemoUsers.clerkOf(departmentId),
        task(responseId, TASK_RECORD_ACTIVITIES),
        Map.of("activities", oneActivity(title)));
  }

  /** A small but real PDF: its magic number is what the evidence store checks. */
  protected static final byte[] SUMMARY_PDF =
      "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Uploads the department's summary document as its clerk would. */
  protected cn.datian.noticeflow.evidence.Evidence uploadSummaryDocument(
      String responseId, String departmentId) {
    try {
      return evidenceService.upload(
          (String) runtimeService.getVariable(responseId, "noticeId"),
          departmentId,
          "活动总结.pdf",
          new java.io.ByteArrayInputStream(SUMMARY_PDF),
          new cn.datian.noticeflow.identity.CurrentUser(
              DemoUsers.clerkOf(departmentId), java.util.Set.of(departmentId)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  protected void submitSummary(String responseId, String departmentId, String summary) {
    uploadSummaryDocument(responseId, departmentId);
    completeAs(
        DemoUsers.clerkOf(departmentId),
        task(responseId, TASK_UPLOAD_EVIDENCE),
        Map.of(
            "summaryText",
            summary,
            "paperCopyDelivered",
            true,
            "paperDeliveredOn",
            today(),
            "paperDeliveredTo",
            "领导小组办公室 王收"));
  }

  /** The head signs the summary off; the office clerk reviews it with the given decision. */
  protected void signOffAndReview(
      String responseId, String departmentId, Map<String, Object> review) {
    completeAs(
        DemoUsers.headOf(departmentId),
        task(responseId, TASK_SIGN_OFF_SUMMARY),
        Map.of("headDecision", "approve"));
    completeAs(DemoUsers.OFFICE_CLERK, task(responseId, TASK_REVIEW_SUMMARY), review);
  }

  /** Every step of the straight path, from acknowledgement to acceptance. */
  protected void driveToAcceptance(String responseId, String departmentId, String activityTitle) {
    acknowledge(responseId, departmentId);
    recordActivities(responseId, departmentId, activityTitle);
    submitSummary(responseId, departmentId, activityTitle + "：活动总结");
    signOffAndReview(responseId, departmentId, Map.of("reviewDecision", "accept"));
  }

  /** Issues a notice and has the office head sign it off; the departments' tasks exist. */
  protected IssuedNotice publishNotice(String title, List<String> recipients) {
    IssuedNotice issued = issueNotice(title, recipients);
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(issued.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    return issued;
  }
}
