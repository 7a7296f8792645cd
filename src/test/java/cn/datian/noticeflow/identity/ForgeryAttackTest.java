package cn.datian.noticeflow.identity;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.notice.AuditTrail;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.notice.StepKind;
import cn.datian.noticeflow.response.NoticeRecipient;
import cn.datian.noticeflow.response.RecipientStage;
import cn.datian.noticeflow.response.ResponseRepository;
import cn.datian.noticeflow.support.ProcessTestSupport;
import cn.datian.noticeflow.support.TasklistSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A hostile department user with Tasklist's own API (session + CSRF token, as Tasklist calls it)
 * and with {@code /engine-rest}: each attack is refused, and the record — stages, steps, due dates,
 * candidate groups, job retries — is as it was.
 */
class ForgeryAttackTest extends ProcessTestSupport {

  private static final String TRANSPORT = "transport";
  private static final String HEALTH = "health";
  private static final String TRANSPORT_CLERK = DemoUsers.clerkOf(TRANSPORT);

  @LocalServerPort int port;
  @Autowired NoticeRepository notices;
  @Autowired ResponseRepository recipientRows;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;

  // --- 1. another department's record ---------------------------------------------------------

  @Test
  void completingTheOwnTaskWithAnotherDepartmentsId_isRefused_andNothingChanges() throws Exception {
    IssuedNotice notice = publishNotice("冒充他部门", List.of(TRANSPORT, HEALTH));
    String transport = responseOf(notice.processInstanceId(), TRANSPORT).getId();
    Task acknowledge = task(transport, TASK_ACKNOWLEDGE_NOTICE);
    TasklistSession clerk = TasklistSession.login(port, TRANSPORT_CLERK, DemoUsers.PASSWORD);
    HttpResponse<String> claimed =
        clerk.post(engine("/task/" + acknowledge.getId() + "/claim"), userId(TRANSPORT_CLERK));
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
    Map<String, NoticeRecipient> before = recipients(notice.noticeId());
    int stepsBefore = notices.steps(notice.noticeId()).size();

    for (String endpoint : List.of("/complete", "/submit-form")) {
      HttpResponse<String> forged =
          clerk.post(
              engine("/task/" + acknowledge.getId() + endpoint),
              variables(Map.of("contactName", "张联络", "departmentId", HEALTH)));
      assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
      assertThat(forged.body()).contains("departmentId");
    }
    ResponseEntity<String> viaEngineRest =
        basic(TRANSPORT_CLERK)
            .postForEntity(
                "/engine-rest/task/" + acknowledge.getId() + "/complete",
                jsonEntity(variables(Map.of("contactName", "张联络", "headsGroupId", TRANSPORT))),
                String.class);
    assertThat(viaEngineRest.getStatusCode().value()).as(viaEngineRest.getBody()).isEqualTo(400);
    assertThat(viaEngineRest.getBody()).contains("headsGroupId");

    assertThat(recipients(notice.noticeId())).isEqualTo(before);
    assertThat(notices.steps(notice.noticeId())).hasSize(stepsBefore);
    assertThat(task(transport, TASK_ACKNOWLEDGE_NOTICE).getId()).isEqualTo(acknowledge.getId());

    // the same completion without the forged variable goes through, for transport only
    HttpResponse<String> honest =
        clerk.post(
            engine("/task/" + acknowledge.getId() + "/complete"),
            variables(Map.of("contactName", "张联络")));
    assertThat(honest.statusCode()).as(honest.body()).isEqualTo(204);
    assertThat(recipients(notice.noticeId()).get(TRANSPORT).stage())
        .isEqualTo(RecipientStage.EXECUTING);
    assertThat(recipients(notice.noticeId()).get(HEALTH)).isEqualTo(before.get(HEALTH));
    assertThat(candidateGroups(task(transport, TASK_RECORD_ACTIVITIES))).containsExactly(TRANSPORT);
  }

  // --- 2. a clerk in the head's place -----------------------------------------------------------

  @Test
  void aClerkCannotSignOffForTheHead_evenWhenOfferedTheTask() {
    IssuedNotice notice = publishNotice("冒充负责人", List.of(TRANSPORT));
    String transport = responseOf(notice.processInstanceId(), TRANSPORT).getId();
    acknowledge(transport, TRANSPORT);
    recordActivities(transport, TRANSPORT, "质量宣传");
    submitSummary(transport, TRANSPORT, "总结");
    Task signOff = task(transport, TASK_SIGN_OFF_SUMMARY);
    assertThat(candidateGroups(signOff)).containsExactly("transport-heads");

    TasklistSession clerk = TasklistSession.login(port, TRANSPORT_CLERK, DemoUsers.PASSWORD);
    assertThat(
            clerk
                .post(engine("/task/" + signOff.getId() + "/claim"), userId(TRANSPORT_CLERK))
                .statusCode())
        .as("not a candidate")
        .isEqualTo(403);

    // Even if the task were offered to the clerk (an administrator's slip), signing needs the
    // heads group at the moment of the decision.
    taskService.addCandidateUser(signOff.getId(), TRANSPORT_CLERK);
    assertThat(
            clerk
                .post(engine("/task/" + signOff.getId() + "/claim"), userId(TRANSPORT_CLERK))
                .statusCode())
        .isEqualTo(204);
    int stepsBefore = notices.steps(notice.noticeId()).size();
    HttpResponse<String> forged =
        clerk.post(
            engine("/task/" + signOff.getId() + "/complete"),
            variables(Map.of("headDecision", "approve")));
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
    assertThat(forged.body()).contains("本部门负责人");
    assertThat(recipients(notice.noticeId()).get(TRANSPORT).stage())
        .isEqualTo(RecipientStage.AWAITING_SIGN_OFF);
    assertThat(notices.steps(notice.noticeId())).hasSize(stepsBefore);
    assertThat(stepKinds(notice.noticeId())).doesNotContain(StepKind.HEAD_SIGNED_OFF);

    // the head signs
    taskService.setAssignee(signOff.getId(), null);
    TasklistSession head =
        TasklistSession.login(port, DemoUsers.headOf(TRANSPORT), DemoUsers.PASSWORD);
    assertThat(
            head.post(
                    engine("/task/" + signOff.getId() + "/claim"),
                    userId(DemoUsers.headOf(TRANSPORT)))
                .statusCode())
        .isEqualTo(204);
    assertThat(
            head.post(
                    engine("/task/" + signOff.getId() + "/complete"),
                    variables(Map.of("headDecision", "approve")))
                .statusCode())
        .isEqualTo(204);
    assertThat(recipients(notice.noticeId()).get(TRANSPORT).stage())
        .isEqualTo(RecipientStage.IN_REVIEW);
  }

  // --- 3. the least task rights that the work needs ---------------------------------------------

  @Test
  void departmentUsersClaimUnclaimAndComplete_butChangeNothingElseOnATask() {
    IssuedNotice notice = publishNotice("任务权限", List.of(TRANSPORT, HEALTH));
    String transport = responseOf(notice.processInstanceId(), TRANSPORT).getId();
    Task own = task(transport, TASK_ACKNOWLEDGE_NOTICE);
    Task foreign =
        task(responseOf(notice.processInstanceId(), HEALTH).getId(), TASK_ACKNOWLEDGE_NOTICE);
    TasklistSession clerk = TasklistSession.login(port, TRANSPORT_CLERK, DemoUsers.PASSWORD);
    String ownTask = engine("/task/" + own.getId());

    assertThat(clerk.post(ownTask + "/claim", userId(DemoUsers.clerkOf(HEALTH))).statusCode())
        .as("claim in another's name")
        .isEqualTo(403);
    assertThat(clerk.post(ownTask + "/claim", userId(TRANSPORT_CLERK)).statusCode()).isEqualTo(204);
    assertThat(clerk.post(ownTask + "/unclaim", "{}").statusCode()).as("unclaim").isEqualTo(204);
    assertThat(clerk.post(ownTask + "/claim", userId(TRANSPORT_CLERK)).statusCode()).isEqualTo(204);

    assertThat(
            clerk
                .put(ownTask, "{\"name\":\"签收通知\",\"due\":\"2099-12-31T00:00:00.000+0800\"}")
                .statusCode())
        .as("move the due date")
        .isEqualTo(403);
    assertThat(clerk.post(ownTask + "/assignee", userId(DemoUsers.clerkOf(HEALTH))).statusCode())
        .as("hand it to another department")
        .isEqualTo(403);
    assertThat(clerk.post(ownTask + "/delegate", userId(DemoUsers.clerkOf(HEALTH))).statusCode())
        .as("delegate")
        .isEqualTo(403);
    assertThat(
            clerk
                .post(
                    ownTask + "/identity-links", "{\"groupId\":\"health\",\"type\":\"candidate\"}")
                .statusCode())
        .as("add a candidate group")
        .isEqualTo(403);
    assertThat(
            clerk
                .put(
                    ownTask + "/variables/deadline",
                    "{\"value\":\"2099-12-31T00:00:00.000+0800\",\"type\":\"Date\"}")
                .statusCode())
        .as("set a variable")
        .isEqualTo(403);
    HttpResponse<String> farDeadline =
        clerk.post(
            ownTask + "/complete",
            variables(Map.of("contactName", "张联络", "deadline", "2099-12-31")));
    assertThat(farDeadline.statusCode()).as("complete with a deadline").isEqualTo(400);
    assertThat(clerk.delete(engine("/task/" + foreign.getId())).statusCode())
        .as("delete")
        .isEqualTo(403);
    assertThat(
            clerk
                .post(engine("/task/" + foreign.getId() + "/assignee"), userId(TRANSPORT_CLERK))
                .statusCode())
        .as("take another department's task")
        .isEqualTo(403);

    Task after = task(transport, TASK_ACKNOWLEDGE_NOTICE);
    assertThat(after.getDueDate()).isEqualTo(own.getDueDate());
    assertThat(after.getAssignee()).isEqualTo(TRANSPORT_CLERK);
    assertThat(after.getDelegationState()).isNull();
    assertThat(candidateGroups(after)).containsExactly(TRANSPORT);
    assertThat(taskService.getVariable(after.getId(), "deadline"))
        .isEqualTo(taskService.getVariable(own.getId(), "deadline"));
    assertThat(task(foreign.getProcessInstanceId(), TASK_ACKNOWLEDGE_NOTICE).getAssignee())
        .isNull();
    assertThat(recipients(notice.noticeId()).values())
        .allMatch(r -> r.stage() == RecipientStage.ACKNOWLEDGING);

    // the office may hand a department's task to another member of that department, no one else
    TasklistSession office =
        TasklistSession.login(port, DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD);
    assertThat(office.post(ownTask + "/assignee", userId(DemoUsers.clerkOf(HEALTH))).statusCode())
        .isEqualTo(403);
    HttpResponse<String> handed =
        office.post(ownTask + "/assignee", userId(DemoUsers.headOf(TRANSPORT)));
    assertThat(handed.statusCode()).as(handed.body()).isEqualTo(204);
    assertThat(task(transport, TASK_ACKNOWLEDGE_NOTICE).getAssignee())
        .isEqualTo(DemoUsers.headOf(TRANSPORT));
  }

  // --- 4. jobs are for administrators -----------------------------------------------------------

  @Test
  void nobodyButAnAdministratorListsOrRunsJobs_andRefusalsCostNoRetries() {
    IssuedNotice notice = publishNotice("作业", List.of(TRANSPORT));
    String transport = responseOf(notice.processInstanceId(), TRANSPORT).getId();
    Job watch =
        managementService.createJobQuery().processInstanceId(transport).timers().singleResult();
    assertThat(watch).as("the deadline watch's timer").isNotNull();
    int retries = watch.getRetries();

    for (String user : List.of(DemoUsers.SUPERVISOR, DemoUsers.OFFICE_CLERK, TRANSPORT_CLERK)) {
      TasklistSession session = TasklistSession.login(port, user, DemoUsers.PASSWORD);
      assertThat(session.get(engine("/job")).statusCode()).as(user + " lists jobs").isEqualTo(403);
      for (int i = 0; i < 3; i++) {
        assertThat(session.post(engine("/job/" + watch.getId() + "/execute"), "{}").statusCode())
            .as(user + " runs the watch")
            .isEqualTo(403);
        assertThat(
                basic(user)
                    .postForEntity(
                        "/engine-rest/job/" + watch.getId() + "/execute",
                        jsonEntity("{}"),
                        String.class)
                    .getStatusCode()
                    .value())
            .isEqualTo(403);
      }
      assertThat(
              session
                  .put(engine("/job/" + watch.getId() + "/retries"), "{\"retries\":0}")
                  .statusCode())
          .isEqualTo(403);
    }
    Job after = managementService.createJobQuery().jobId(watch.getId()).singleResult();
    assertThat(after.getRetries()).isEqualTo(retries);
    assertThat(after.getExceptionMessage()).isNull();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(transport).count()).isZero();

    assertThat(
            basic("demo")
                .getForEntity("/engine-rest/job?processInstanceId=" + transport, String.class)
                .getStatusCode()
                .value())
        .as("the administrator")
        .isEqualTo(200);
  }

  // --- 12. a record that shows tampering --------------------------------------------------------

  @Test
  void theAuditChainHolds_andShowsARowChangedInTheDatabase() throws Exception {
    IssuedNotice notice = publishNotice("记录校验", List.of(TRANSPORT, HEALTH));
    String transport = responseOf(notice.processInstanceId(), TRANSPORT).getId();
    acknowledge(transport, TRANSPORT);
    recordActivities(transport, TRANSPORT, "质量宣传");
    acknowledge(responseOf(notice.processInstanceId(), HEALTH).getId(), HEALTH);
    String audit = "/api/notices/" + notice.noticeId() + "/audit";

    assertThat(basic(TRANSPORT_CLERK).getForEntity(audit, String.class).getStatusCode().value())
        .isEqualTo(403);
    JsonNode intact =
        json.readTree(basic(DemoUsers.SUPERVISOR).getForEntity(audit, String.class).getBody());
    assertThat(intact.get("intact").asBoolean()).isTrue();
    assertThat(intact.get("firstBrokenStepId").isNull()).isTrue();
    assertThat(intact.get("steps")).hasSizeGreaterThanOrEqualTo(5);
    assertThat(intact.get("finalHash").asText()).matches("[0-9a-f]{64}");
    intact
        .get("steps")
        .forEach(step -> assertThat(step.get("hash").asText()).matches("[0-9a-f]{64}"));

    long acknowledged =
        jdbc.sql(
                "select id from notice_step where notice_id = ? and department_id = ? and step = 'ACKNOWLEDGED'")
            .params(notice.noticeId(), TRANSPORT)
            .query(Long.class)
            .single();
    jdbc.sql("update notice_step set user_id = 'health-clerk' where id = ?")
        .params(acknowledged)
        .update();

    AuditTrail.Audit broken = readAudit(audit);
    assertThat(broken.intact()).isFalse();
    assertThat(broken.firstBrokenStepId()).isEqualTo(acknowledged);

    // put back, the chain holds again, with the same final seal
    jdbc.sql("update notice_step set user_id = ? where id = ?")
        .params(TRANSPORT_CLERK, acknowledged)
        .update();
    AuditTrail.Audit restored = readAudit(audit);
    assertThat(restored.intact()).isTrue();
    assertThat(restored.finalHash()).isEqualTo(intact.get("finalHash").asText());

    // a row deleted from the middle of a chain breaks the next one
    jdbc.sql("delete from notice_step where id = ?").params(acknowledged).update();
    AuditTrail.Audit deleted = readAudit(audit);
    assertThat(deleted.intact()).isFalse();
    long nextInChain =
        jdbc.sql(
                "select min(id) from notice_step where notice_id = ? and department_id = ? and id > ?")
            .params(notice.noticeId(), TRANSPORT, acknowledged)
            .query(Long.class)
            .single();
    assertThat(deleted.firstBrokenStepId()).isEqualTo(nextInChain);

    // the last row of a chain deleted leaves a chain that holds, but not the published final seal
    jdbc.sql("delete from notice_step where id >= ? and notice_id = ? and department_id = ?")
        .params(acknowledged, notice.noticeId(), TRANSPORT)
        .update();
    AuditTrail.Audit shortened = readAudit(audit);
    assertThat(shortened.intact()).isTrue();
    assertThat(shortened.finalHash()).isNotEqualTo(intact.get("finalHash").asText());
  }

  // --- helpers -----------------------------------------------------------------------------------

  private AuditTrail.Audit readAudit(String path) throws Exception {
    return json.readValue(
        basic(DemoUsers.SUPERVISOR).getForEntity(path, String.class).getBody(),
        AuditTrail.Audit.class);
  }

  private static String engine(String path) {
    return TasklistSession.ENGINE + path;
  }

  private static String userId(String user) {
    return "{\"userId\":\"" + user + "\"}";
  }

  private String variables(Map<String, Object> values) {
    try {
      Map<String, Object> typed =
          values.entrySet().stream()
              .collect(Collectors.toMap(Map.Entry::getKey, e -> Map.of("value", e.getValue())));
      return json.writeValueAsString(Map.of("variables", typed));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private org.springframework.boot.test.web.client.TestRestTemplate basic(String user) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD);
  }

  private static HttpEntity<String> jsonEntity(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private Map<String, NoticeRecipient> recipients(String noticeId) {
    return recipientRows.recipients(noticeId).stream()
        .collect(Collectors.toMap(NoticeRecipient::departmentId, r -> r));
  }

  private List<StepKind> stepKinds(String noticeId) {
    return notices.steps(noticeId).stream().map(NoticeStep::step).toList();
  }

  private List<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> "candidate".equals(link.getType()))
        .map(IdentityLink::getGroupId)
        .filter(java.util.Objects::nonNull)
        .toList();
  }
}
