package cn.datian.noticeflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Only known types become objects: a java.io.File object variable is refused, even for the admin.
 */
class ObjectVariableTypesTest extends ProcessTestSupport {

  @Test
  void fileObjectVariable_isRefusedOnWrite_andNothingIsStored() {
    assertThat(
            processEngine.getProcessEngineConfiguration().isDeserializationTypeValidationEnabled())
        .isTrue();
    IssuedNotice notice = issueNotice("对象变量", List.of("transport"));
    String instance = notice.processInstanceId();
    String file =
        "{\"type\":\"Object\",\"value\":\"\\\"/etc/passwd\\\"\",\"valueInfo\":{\"objectTypeName\":\"java.io.File\","
            + "\"serializationDataFormat\":\"application/json\"}}";

    ResponseEntity<JsonNode> put =
        exchange(
            HttpMethod.PUT, "/engine-rest/process-instance/" + instance + "/variables/evil", file);
    ResponseEntity<JsonNode> modify =
        exchange(
            HttpMethod.POST,
            "/engine-rest/process-instance/" + instance + "/variables",
            "{\"modifications\":{\"evil\":" + file + "}}");
    ResponseEntity<JsonNode> start =
        exchange(
            HttpMethod.POST,
            "/engine-rest/process-definition/key/notice-lifecycle/start",
            "{\"variables\":{\"evil\":" + file + "}}");
    long instances = runtimeService.createProcessInstanceQuery().count();

    for (ResponseEntity<JsonNode> refused : List.of(put, modify, start)) {
      assertThat(refused.getStatusCode())
          .as(String.valueOf(refused.getBody()))
          .isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().get("message").asText()).contains("不接受的对象类型");
    }
    assertThat(runtimeService.getVariables(instance)).doesNotContainKey("evil");
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
  }

  @Test
  void plainCollections_stillBecomeObjects() {
    IssuedNotice notice = issueNotice("对象变量（集合）", List.of("transport"));
    String list =
        "{\"type\":\"Object\",\"value\":\"[\\\"a\\\",\\\"b\\\"]\",\"valueInfo\":{\"objectTypeName\":"
            + "\"java.util.ArrayList<java.lang.String>\",\"serializationDataFormat\":\"application/json\"}}";
    ResponseEntity<JsonNode> put =
        exchange(
            HttpMethod.PUT,
            "/engine-rest/process-instance/" + notice.processInstanceId() + "/variables/names",
            list);
    assertThat(put.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtimeService.getVariable(notice.processInstanceId(), "names"))
        .isEqualTo(List.of("a", "b"));
  }

  private ResponseEntity<JsonNode> exchange(HttpMethod method, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(DemoUsers.ADMIN, DemoUsers.PASSWORD)
        .exchange(path, method, new HttpEntity<>(json, headers), JsonNode.class);
  }
}
