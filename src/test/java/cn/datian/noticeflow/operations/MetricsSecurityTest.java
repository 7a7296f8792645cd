package cn.datian.noticeflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.identity.Groups;
import cn.datian.noticeflow.support.ProcessTestSupport;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The metrics are for operations; health stays open, without details. */
class MetricsSecurityTest extends ProcessTestSupport {

  @Test
  void prometheus_asksForOperations_healthStaysOpen() {
    String scraper = "metrics-scraper";
    if (identityService.createUserQuery().userId(scraper).count() == 0) {
      User user = identityService.newUser(scraper);
      user.setPassword("scrape");
      identityService.saveUser(user);
      identityService.createMembership(scraper, Groups.OPERATIONS);
    }

    ResponseEntity<String> anonymous = http.getForEntity("/actuator/prometheus", String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    assertThat(anonymous.getBody()).doesNotContain("noticeflow_");
    assertThat(
            http.withBasicAuth("no-such-user", "wrong")
                .getForEntity("/actuator/prometheus", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> clerk =
        http.withBasicAuth(DemoUsers.clerkOf("transport"), DemoUsers.PASSWORD)
            .getForEntity("/actuator/prometheus", String.class);
    assertThat(clerk.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(clerk.getBody()).doesNotContain("noticeflow_");

    ResponseEntity<String> operations =
        http.withBasicAuth(scraper, "scrape").getForEntity("/actuator/prometheus", String.class);
    assertThat(operations.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(operations.getBody()).contains("noticeflow_departments");
    assertThat(
            http.withBasicAuth(DemoUsers.ADMIN, DemoUsers.PASSWORD)
                .getForEntity("/actuator/prometheus", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);

    ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    // UP, or DEGRADED from 1 November while next year's holidays are not entered (calendar
    // component, #16): both answer 200, and neither shows components or details
    assertThat(health.getBody())
        .containsAnyOf("\"UP\"", "\"DEGRADED\"")
        .doesNotContain("components", "details", "db");
  }
}
