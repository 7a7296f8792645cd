package cn.datian.noticeflow.identity;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** One department can neither see, claim nor complete another department's task. */
class AuthorizationTest extends ProcessTestSupport {

  private static final String TRANSPORT_CLERK = DemoUsers.clerkOf("transport");

  @Test
  void departmentUser_isKeptOutOfAnotherDepartmentsTask_throughTheEngine() {
    IssuedNotice notice = publishNotice("授权（引擎）", List.of("transport", "health"));
    Task healthTask =
        task(responseOf(notice.processInstanceId(), "health").getId(), TASK_ACKNOWLEDGE_NOTICE);
    Task transportTask =
        task(responseOf(notice.processInstanceId(), "transport").getId(), TASK_ACKNOWLEDGE_NOTICE);

    List<String> visible =
        as(
            TRANSPORT_CLERK,
            () -> taskService.createTaskQuery().list().stream().map(Task::getId).toList());
    assertThat(visible).contains(transportTask.getId()).doesNotContain(healthTask.getId());

    assertThatThrownBy(
            () -> as(TRANSPORT_CLERK, () -> taskService.claim(healthTask.getId(), TRANSPORT_CLERK)))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(
            () ->
                as(
                    TRANSPORT_CLERK,
                    () -> taskService.complete(healthTask.getId(), Map.of("contactName", "x"))))
        .isInstanceOf(AuthorizationException.class);

    Task untouched = taskService.createTaskQuery().taskId(healthTask.getId()).singleResult();
    assertThat(untouched).isNotNull();
    assertThat(untouched.getAssignee()).isNull();
  }

  @Test
  void departmentUser_isKeptOutOfAnotherDepartmentsTask_throughTheRestApi() {
    IssuedNotice notice = publishNotice("授权（REST）", List.of("transport", "health"));
    String healthTaskId =
        task(responseOf(notice.processInstanceId(), "health").getId(), TASK_ACKNOWLEDGE_NOTICE)
            .getId();
    String transportTaskId =
        task(responseOf(notice.processInstanceId(), "transport").getId(), TASK_ACKNOWLEDGE_NOTICE)
            .getId();

    JsonNode transportList =
        http.withBasicAuth(TRANSPORT_CLERK, DemoUsers.PASSWORD)
            .getForObject(
                "/engine-rest/task?processInstanceBusinessKey=" + notice.noticeId(),
                JsonNode.class);
    assertThat(transportList.findValuesAsText("id")).containsExactly(transportTaskId);

    assertThat(
            http.withBasicAuth(TRANSPORT_CLERK, DemoUsers.PASSWORD)
                .postForEntity(
                    "/engine-rest/task/" + healthTaskId + "/claim",
                    json("{\"userId\":\"" + TRANSPORT_CLERK + "\"}"),
                    String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(
            http.withBasicAuth(TRANSPORT_CLERK, DemoUsers.PASSWORD)
                .postForEntity(
                    "/engine-rest/task/" + healthTaskId + "/submit-form",
                    json("{\"variables\":{\"contactName\":{\"value\":\"x\"}}}"),
                    String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.createTaskQuery().taskId(healthTaskId).singleResult()).isNotNull();

    // the office and the administrator see both departments' tasks
    JsonNode adminList =
        http.withBasicAuth(DemoUsers.ADMIN, DemoUsers.PASSWORD)
            .getForObject(
                "/engine-rest/task?processInstanceBusinessKey=" + notice.noticeId(),
                JsonNode.class);
    assertThat(adminList.findValuesAsText("id"))
        .containsExactlyInAnyOrder(transportTaskId, healthTaskId);
  }

  @Test
  void badTaskInput_throughTheRestApi_answers400WithTheMessage_andChangesNothing() {
    IssuedNotice notice = publishNotice("REST 校验", List.of("transport"));
    String taskId =
        task(responseOf(notice.processInstanceId(), "transport").getId(), TASK_ACKNOWLEDGE_NOTICE)
            .getId();
    http.withBasicAuth(TRANSPORT_CLERK, DemoUsers.PASSWORD)
        .postForEntity(
            "/engine-rest/task/" + taskId + "/claim",
            json("{\"userId\":\"" + TRANSPORT_CLERK + "\"}"),
            String.class);

    var response =
        http.withBasicAuth(TRANSPORT_CLERK, DemoUsers.PASSWORD)
            .postForEntity(
                "/engine-rest/task/" + taskId + "/submit-form",
                json(
                    "{\"variables\":{\"acknowledgement\":{\"value\":\"decline\"},\"declineReason\":{\"value\":\"忙\"}}}"),
                JsonNode.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("message").asText())
        .contains("本单位须参加，不能谢绝")
        .doesNotContain("acknowledgement");
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult()).isNotNull();
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
