package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.support.ProcessElements.TASK_DECIDE_EXTENSION;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Dates stay in a sane window (now … two years ahead), and a hostile date answers 400 naming its
 * field, in Chinese, without a Java class name, through the API and Camunda's REST start.
 */
class DateWindowTest extends ProcessTestSupport {

  private static final String FUTURE = LocalDate.now(ZONE).plusDays(20).toString();
  private static final String BEYOND = LocalDate.now(ZONE).plusYears(2).plusDays(2).toString();

  @Autowired NoticeRepository notices;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "year 100000 | {\"title\":\"t\",\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"+100000-12-31T23:59:59Z\"} | deadline",
        "largest date | {\"title\":\"t\",\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"+999999999-12-31T23:59:59Z\"} | deadline",
        "just past the horizon | {\"title\":\"t\",\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"BEYOND\"} | deadline",
        "acknowledgement far ahead | {\"title\":\"t\",\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"FUTURE\",\"acknowledgeBy\":\"+999999999-12-31T23:59:59Z\"} | acknowledgeBy",
        "issued in year 50000 | {\"title\":\"t\",\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"FUTURE\",\"issuedOn\":\"+50000-01-01\"} | issuedOn",
        "reminder a million days ahead | {\"title\":\"t\",\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\"FUTURE\",\"reminderOffsets\":[\"P999999D\"]} | reminderOffsets",
      })
  void farFutureDates_answer400NamingTheField_andStartNothing(
      String name, String body, String field) {
    long instancesBefore = runtimeService.createProcessInstanceQuery().count();
    int noticesBefore = notices.findAll().size();

    ResponseEntity<JsonNode> response =
        post(
            DemoUsers.OFFICE_CLERK,
            "/api/notices",
            body.replace("FUTURE", FUTURE).replace("BEYOND", BEYOND));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    String detail = response.getBody().get("detail").asText();
    assertThat(detail)
        .contains(field)
        .containsPattern("\\p{IsHan}")
        .doesNotContain("Exception", "java.");
    assertThat(response.getBody().get("fields").has(field)).isTrue();
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    assertThat(notices.findAll()).hasSize(noticesBefore);
  }

  @Test
  void theLastDayOfTheHorizon_isAccepted() {
    String last = LocalDate.now(ZONE).plusYears(2).toString();
    ResponseEntity<JsonNode> response =
        post(
            DemoUsers.OFFICE_CLERK,
            "/api/notices",
            "{\"title\":\"两年期通知\",\"body\":\"正文\",\"issuer\":\"办公室\",\"deadline\":\""
                + last
                + "\",\"recipients\":[\"commerce\"]}");
    assertThat(response.getStatusCode())
        .as(String.valueOf(response.getBody()))
        .isEqualTo(HttpStatus.CREATED);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "year 50000 | +50000-12-31T23:59:59Z",
        "largest date | +999999999-12-31T23:59:59Z",
        "past the horizon | BEYOND",
      })
  void farFutureExtension_answers400NamingTheField_andRequestsNothing(String name, String date) {
    IssuedNotice notice = publishNotice("延期上限", List.of("transport"));
    String response = responseOf(notice.processInstanceId(), "transport").getId();
    acknowledge(response, "transport");
    int stepsBefore = notices.steps(notice.noticeId()).size();

    ResponseEntity<JsonNode> answer =
        post(
            DemoUsers.clerkOf("transport"),
            "/api/notices/" + notice.noticeId() + "/departments/transport/extension-requests",
            "{\"requestedDeadline\":\""
                + date.replace("BEYOND", BEYOND)
                + "\",\"reason\":\"天气原因\"}");

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().get("detail").asText())
        .contains("requestedDeadline")
        .containsPattern("\\p{IsHan}")
        .doesNotContain("Exception", "java.", "overflow");
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(response)
                .taskDefinitionKey(TASK_DECIDE_EXTENSION)
                .count())
        .isZero();
    assertThat(notices.steps(notice.noticeId())).hasSize(stepsBefore);
  }

  /** Camunda's REST start answered 500 for a notice it refused; it is the caller's fault. */
  @Test
  void engineRestStart_withInvalidNotice_answers400InChinese_andStartsNothing() {
    long instancesBefore = runtimeService.createProcessInstanceQuery().count();
    int noticesBefore = notices.findAll().size();

    for (String variables :
        List.of(
            "{\"title\":{\"value\":\"\"},\"body\":{\"value\":\"正文\"},\"issuer\":{\"value\":\"办公室\"},\"deadline\":{\"value\":\""
                + FUTURE
                + "\"}}",
            "{\"title\":{\"value\":\"t\"},\"body\":{\"value\":\"正文\"},\"issuer\":{\"value\":\"办公室\"},\"deadline\":{\"value\":\"+999999999-12-31T23:59:59Z\"}}")) {
      ResponseEntity<JsonNode> response =
          post(
              DemoUsers.OFFICE_CLERK,
              "/engine-rest/process-definition/key/notice-lifecycle/start",
              "{\"variables\":" + variables + "}");

      assertThat(response.getStatusCode())
          .as(String.valueOf(response.getBody()))
          .isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getBody().get("message").asText())
          .containsPattern("\\p{IsHan}")
          .doesNotContain("Exception", "java.", "Cannot instantiate");
    }
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    assertThat(notices.findAll()).hasSize(noticesBefore);
  }

  private ResponseEntity<JsonNode> post(String user, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, DemoUsers.PASSWORD)
        .postForEntity(path, new HttpEntity<>(json, headers), JsonNode.class);
  }
}
