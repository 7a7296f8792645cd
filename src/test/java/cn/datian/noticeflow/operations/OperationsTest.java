package cn.datian.noticeflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.startup.ProductionSafety;
import cn.datian.noticeflow.support.ProcessTestSupport;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Health, probes and metrics over HTTP; the production profile's refusals. */
class OperationsTest extends ProcessTestSupport {

  @org.springframework.beans.factory.annotation.Autowired javax.sql.DataSource dataSource;

  @org.springframework.beans.factory.annotation.Autowired
  org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties camunda;

  /** A mail job may hold two connections at once: the pool must outnumber them (benchmark 4). */
  @Test
  void connectionPool_outnumbersTwiceTheJobThreads() {
    int connections = ((com.zaxxer.hikari.HikariDataSource) dataSource).getMaximumPoolSize();
    int jobThreads = camunda.getJobExecution().getMaxPoolSize();
    assertThat(connections).isGreaterThan(2 * jobThreads);
  }

  @org.springframework.beans.factory.annotation.Autowired
  org.camunda.bpm.engine.AuthorizationService authorizations;

  /** application.yaml turns the engine's revoke lookup off: that is only right with no REVOKE. */
  @Test
  void noAuthorizationIsARevoke_soTheRevokeCheckMayStayOff() {
    assertThat(processEngine.getProcessEngineConfiguration())
        .extracting("authorizationCheckRevokes")
        .isEqualTo("never");
    assertThat(
            authorizations
                .createAuthorizationQuery()
                .authorizationType(
                    org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_REVOKE)
                .count())
        .isZero();
  }

  @Test
  void healthProbesAndMetrics_answer() {
    assertThat(http.getForEntity("/actuator/health/liveness", String.class).getBody())
        .contains("\"UP\"");
    assertThat(http.getForEntity("/actuator/health/readiness", String.class).getBody())
        .contains("\"UP\"");
    String metrics =
        http.withBasicAuth("demo", "demo").getForObject("/actuator/prometheus", String.class);
    assertThat(metrics)
        .contains(
            "noticeflow_departments{stage=\"acknowledging\"}",
            "noticeflow_departments_overdue",
            "noticeflow_mails{state=\"sent\"}",
            "noticeflow_incidents_open",
            "noticeflow_mails_unsent",
            "noticeflow_mails_oldest_unsent_age_seconds");
  }

  @Test
  void tasklist_servesOurStyles_hidingTheMigrationBanner() {
    // ours must win over the webapp's own (empty) user-styles.css on the classpath
    assertThat(http.getForObject("/camunda/app/tasklist/styles/user-styles.css", String.class))
        .contains(".ce-eol-banner", "display: none");
  }

  @Test
  void productionProfile_refusesDemoUsersAndDefaultPasswords() {
    assertThatThrownBy(() -> ProductionSafety.check(properties(true, "a-long-enough-secret")))
        .hasMessageContaining("demo users");
    assertThatThrownBy(() -> ProductionSafety.check(properties(false, "")))
        .hasMessageContaining("NOTICEFLOW_ADMIN_PASSWORD");
    assertThatThrownBy(() -> ProductionSafety.check(properties(false, "demo")))
        .hasMessageContaining("default");
    ProductionSafety.check(properties(false, "a-long-enough-secret"));
  }

  private static NoticeflowProperties properties(boolean demoUsers, String adminPassword) {
    return new NoticeflowProperties(
        ZoneId.of("Asia/Shanghai"),
        Duration.ofDays(3),
        "classpath:directory/departments.yaml",
        new NoticeflowProperties.Demo(demoUsers, false),
        true,
        new NoticeflowProperties.Admin("admin", adminPassword));
  }
}
