package cn.datian.noticeflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.support.ProcessTestSupport;
import cn.datian.noticeflow.support.TasklistSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The OpenAPI document: generated from the controllers, for logged-in users only. */
class ApiDocsTest extends ProcessTestSupport {

  @LocalServerPort int port;
  @Autowired ObjectMapper objectMapper;

  @Test
  void withoutLogin_theDocumentIsRefused() {
    assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/v3/api-docs.yaml", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aDepartmentClerk_readsTheDocumentOfTheProjectsApi() throws Exception {
    ResponseEntity<String> answer =
        http.withBasicAuth(DemoUsers.clerkOf("transport"), DemoUsers.PASSWORD)
            .getForEntity("/v3/api-docs", String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode doc = objectMapper.readTree(answer.getBody());
    // kept for readers and client generators without a running server (docs/api.md)
    Files.writeString(
        Path.of("target/openapi.json"),
        objectMapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    List<String> paths = new ArrayList<>();
    doc.get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths).contains("/api/notices", "/api/notices/{id}", "/api/departments", "/api/me");
    assertThat(paths)
        .anyMatch(p -> p.matches("/api/notices/\\{[^}]+}/departments/\\{[^}]+}/evidence"));
    assertThat(paths).anyMatch(p -> p.matches("/api/evidence/\\{[^}]+}"));
    assertThat(paths).anyMatch(p -> p.matches("/api/notices/\\{[^}]+}/reports/status\\.docx"));
    // the project's API only: not Camunda's /engine-rest, not the board's or the directory's pages
    assertThat(paths).allMatch(p -> p.startsWith("/api/"));
    assertThat(doc.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
    // uploads: multipart with one or more "file" parts
    String evidence =
        paths.stream()
            .filter(p -> p.matches("/api/notices/\\{[^}]+}/departments/\\{[^}]+}/evidence"))
            .findFirst()
            .orElseThrow();
    assertThat(
            doc.get("paths")
                .get(evidence)
                .at("/post/requestBody/content/multipart~1form-data/schema/properties/file/type")
                .asText())
        .isEqualTo("array");

    // every operation says what it does (short Chinese / English summaries on the controllers)
    List<String> withoutSummary = new ArrayList<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          if (op.getValue().path("summary").asText().isBlank()) {
                            withoutSummary.add(op.getKey().toUpperCase() + " " + path.getKey());
                          }
                        }));
    assertThat(withoutSummary).as("operations without @Operation(summary = …)").isEmpty();
  }

  @Test
  void theTasklistSession_readsItToo() {
    TasklistSession session = TasklistSession.login(port, DemoUsers.SUPERVISOR, DemoUsers.PASSWORD);
    assertThat(session.get("/v3/api-docs").statusCode()).isEqualTo(200);
  }
}
