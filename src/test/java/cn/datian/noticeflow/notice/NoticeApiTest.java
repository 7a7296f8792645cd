package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The notice API over real HTTP: issuing, refusing bad input, reading progress, logins. */
class NoticeApiTest extends ProcessTestSupport {

  private static final String FUTURE = LocalDate.now(ZONE).plusDays(20).toString();

  @Test
  void issueNotice_answers201_andStartsTheLifecycle() {
    ResponseEntity<JsonNode> response =
        post(
            DemoUsers.OFFICE_CLERK,
            """
            {"title":"API发文","number":"大质强县办〔2021〕9号","issuer":"大田县质量强县工作领导小组办公室",
             "issuedOn":"%s","body":"正文","deadline":"%s","recipients":["commerce","health"]}
            """
                .formatted(LocalDate.now(ZONE), FUTURE));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String noticeId = response.getBody().get("noticeId").asText();
    String processInstanceId = response.getBody().get("processInstanceId").asText();
    assertThat(response.getHeaders().getLocation()).hasPath("/api/notices/" + noticeId);
    assertThat(task(processInstanceId, TASK_SIGN_OFF_NOTICE)).isNotNull();

    JsonNode notice = get(DemoUsers.SUPERVISOR, "/api/notices/" + noticeId).getBody();
    assertThat(notice.get("state").asText()).isEqualTo("awaiting_sign_off");
    assertThat(notice.get("draftedBy").asText()).isEqualTo(DemoUsers.OFFICE_CLERK);
    // a date-only deadline means the end of that day in Asia/Shanghai
    assertThat(notice.get("deadline").asText()).isEqualTo(FUTURE + "T23:59:59+08:00");
    assertThat(notice.get("steps").get(0).get("step").asText()).isEqualTo("drafted");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no title | {\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"FUTURE\"} | title",
        "title not text | {\"title\":42,\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"FUTURE\"} | title",
        "unknown department | {\"title\":\"t\",\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"FUTURE\",\"recipients\":[\"commerce\",\"no-such-bureau\"]} | recipients",
        "deadline in the past | {\"title\":\"t\",\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"2021-09-30\"} | deadline",
        "deadline not a date | {\"title\":\"t\",\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"next friday\"} | deadline",
        "acknowledge after deadline | {\"title\":\"t\",\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"FUTURE\",\"acknowledgeBy\":\"2999-01-01\"} | acknowledgeBy",
        "no recipient | {\"title\":\"t\",\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"FUTURE\",\"recipients\":[]} | recipients",
        "reminder offset not a duration | {\"title\":\"t\",\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"FUTURE\",\"reminderOffsets\":[\"3 days\"]} | reminderOffsets",
        "malformed JSON | {\"title\":\"t\", | JSON",
      })
  void badNotice_answers400NamingTheField_andStartsNothing(String name, String body, String field) {
    long instancesBefore = runtimeService.createProcessInstanceQuery().count();
    long noticesBefore =
        http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
            .getForObject("/api/notices", JsonNode.class)
            .size();

    ResponseEntity<JsonNode> response =
        post(DemoUsers.OFFICE_CLERK, body.replace("FUTURE", FUTURE));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("detail").asText()).contains(field);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    assertThat(
            http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
                .getForObject("/api/notices", JsonNode.class)
                .size())
        .isEqualTo(noticesBefore);
  }

  @Test
  void tasklistStartForm_issuesANotice_orRefusesBadInputWith400() {
    String startForm = "/engine-rest/process-definition/key/notice-lifecycle/submit-form";
    long instancesBefore = runtimeService.createProcessInstanceQuery().count();

    // what Tasklist sends for the start form: every field a string, no recipient list = all
    ResponseEntity<JsonNode> refused =
        http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
            .postForEntity(
                startForm,
                json(
                    "{\"variables\":{\"title\":{\"value\":\"\"},\"body\":{\"value\":\"正文\"},"
                        + "\"issuer\":{\"value\":\"办公室\"},\"deadline\":{\"value\":\""
                        + FUTURE
                        + "\"}}}"),
                JsonNode.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("message").asText())
        .contains("标题")
        .doesNotContain("title:"); // named as the form labels it
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);

    ResponseEntity<JsonNode> started =
        http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
            .postForEntity(
                startForm,
                json(
                    "{\"variables\":{\"title\":{\"value\":\"从Tasklist发文\"},\"body\":{\"value\":\"正文\"},"
                        + "\"issuer\":{\"value\":\"办公室\"},\"deadline\":{\"value\":\""
                        + FUTURE
                        + "\"},"
                        + "\"recipients\":{\"value\":\"commerce, health\"}}}"),
                JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    String processInstanceId = started.getBody().get("id").asText();
    String noticeId = started.getBody().get("businessKey").asText();
    assertThat(task(processInstanceId, TASK_SIGN_OFF_NOTICE)).isNotNull();
    JsonNode notice = get(DemoUsers.OFFICE_HEAD, "/api/notices/" + noticeId).getBody();
    assertThat(notice.get("title").asText()).isEqualTo("从Tasklist发文");
    assertThat(notice.get("draftedBy").asText()).isEqualTo(DemoUsers.OFFICE_CLERK);
    // the fields are recorded with the notice; the process keeps only its id and title
    assertThat(noticeService.require(noticeId).recipientIds())
        .containsExactly("commerce", "health");
    assertThat(runtimeService.getVariable(processInstanceId, "recipients")).isNull();
    assertThat(runtimeService.getVariable(processInstanceId, "body")).isNull();

    // a department clerk may not start a notice at all
    assertThat(
            http.withBasicAuth(DemoUsers.clerkOf("commerce"), DemoUsers.PASSWORD)
                .postForEntity(startForm, json("{\"variables\":{}}"), String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void anonymousAndWrongPasswordCalls_areRefused() {
    assertThat(http.postForEntity("/api/notices", json("{}"), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/api/notices/any", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(
            http.withBasicAuth(DemoUsers.OFFICE_CLERK, "wrong")
                .getForEntity("/api/notices", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(
            http.withBasicAuth(DemoUsers.OFFICE_CLERK, "wrong")
                .getForEntity("/engine-rest/task", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // Wrong passwords delay the user's next login (identity.LoginDelays): the tests that follow
    // log in as the office clerk at once, so the administrator lifts the delay, as one would.
    identityService.unlockUser(DemoUsers.OFFICE_CLERK);
  }

  @Test
  void departmentUser_cannotIssue_andSeesOnlyItsOwnRow() {
    assertThat(post(DemoUsers.clerkOf("commerce"), "{\"title\":\"t\"}").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    IssuedNotice notice = publishNotice("部门只看本部门", List.of("commerce", "health"));

    JsonNode asCommerce =
        get(DemoUsers.clerkOf("commerce"), "/api/notices/" + notice.noticeId()).getBody();
    assertThat(asCommerce.get("recipients")).hasSize(1);
    assertThat(asCommerce.get("recipients").get(0).get("departmentId").asText())
        .isEqualTo("commerce");
    assertThat(asCommerce.get("recipients").get(0).get("stage").asText())
        .isEqualTo("acknowledging");

    assertThat(
            get(DemoUsers.clerkOf("transport"), "/api/notices/" + notice.noticeId())
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(
            get(DemoUsers.SUPERVISOR, "/api/notices/" + notice.noticeId())
                .getBody()
                .get("recipients"))
        .hasSize(2);
    assertThat(get(DemoUsers.SUPERVISOR, "/api/notices/no-such-notice").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void departmentsEndpoint_listsTheSeedRecipients() {
    JsonNode departments = get(DemoUsers.clerkOf("commerce"), "/api/departments").getBody();
    assertThat(departments).hasSize(19);
    assertThat(departments.get(0).get("name").asText()).isEqualTo("县发改局");
  }

  private ResponseEntity<JsonNode> post(String user, String body) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD)
        .postForEntity("/api/notices", json(body), JsonNode.class);
  }

  private ResponseEntity<JsonNode> get(String user, String path) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD).getForEntity(path, JsonNode.class);
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    return new HttpEntity<>(body, headers);
  }
}
