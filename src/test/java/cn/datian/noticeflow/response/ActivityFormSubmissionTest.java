package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_UPLOAD_EVIDENCE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The activity list as Tasklist's embedded form submits it: one Json variable, through the REST
 * API, as the department's clerk.
 */
class ActivityFormSubmissionTest extends ProcessTestSupport {

  private static final String CLERK = DemoUsers.clerkOf("culture-tourism");

  @Autowired ActivityRepository activities;
  @Autowired ObjectMapper objectMapper;

  @Test
  void jsonActivityList_isStored_orRefusedWith400() throws Exception {
    IssuedNotice notice = publishNotice("嵌入式表单提交", List.of("culture-tourism"));
    String responseId = responseOf(notice.processInstanceId(), "culture-tourism").getId();
    completeAs(CLERK, task(responseId, TASK_ACKNOWLEDGE_NOTICE), Map.of("contactName", "赵六"));
    String taskId = task(responseId, TASK_RECORD_ACTIVITIES).getId();
    post("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"" + CLERK + "\"}");

    String bad = "[{\"activityDate\":\"" + today() + "\",\"title\":\"暗访评估\",\"kind\":\"\"}]";
    ResponseEntity<JsonNode> refused =
        post("/engine-rest/task/" + taskId + "/submit-form", form(bad));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // the row and field as the form shows them, nothing a clerk cannot read
    assertThat(refused.getBody().get("message").asText())
        .endsWith(": 第1项活动：请选择活动类型")
        .doesNotContain("activities[", "kind", "one of");
    assertThat(activities.find(notice.noticeId(), "culture-tourism")).isEmpty();

    String good =
        "[{\"activityDate\":\""
            + today()
            + "\",\"title\":\"文化和旅游市场体检式暗访评估\",\"kind\":\"inspection\","
            + "\"place\":\"县城景区\",\"participants\":12,\"description\":null},"
            + "{\"activityDate\":\""
            + today()
            + "\",\"title\":\"提升服务质量主题宣传\",\"kind\":\"publicity\","
            + "\"place\":null,\"participants\":null,\"description\":null}]";
    ResponseEntity<JsonNode> accepted =
        post("/engine-rest/task/" + taskId + "/submit-form", form(good));
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(activities.find(notice.noticeId(), "culture-tourism"))
        .extracting(ActivityRecord::title, ActivityRecord::kind, ActivityRecord::participants)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("文化和旅游市场体检式暗访评估", "inspection", 12),
            org.assertj.core.groups.Tuple.tuple("提升服务质量主题宣传", "publicity", null));
    assertThat(task(responseId, TASK_UPLOAD_EVIDENCE)).isNotNull();
  }

  private String form(String activitiesJson) throws Exception {
    return objectMapper.writeValueAsString(
        Map.of("variables", Map.of("activities", Map.of("type", "Json", "value", activitiesJson))));
  }

  private ResponseEntity<JsonNode> post(String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(CLERK, DemoUsers.PASSWORD)
        .postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
  }
}
