package cn.datian.noticeflow.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param from the sender address
 * @param baseUrl the server's root as users reach it (e.g. {@code https://noticeflow.example.cn}):
 *     mails link to Tasklist under {@code /camunda/app/tasklist/} and to the board under {@code
 *     /oversight} below it
 * @param tasklistBaseUrl the former name of {@link #baseUrl}; still read, and a value ending in
 *     {@code /camunda/app/tasklist} is taken as its server root
 * @param messageIdDomain the right-hand side of the deterministic Message-IDs
 * @param dispatcher how the outbox is delivered
 * @param stuckAfter the oldest unsent message older than this: mail health is degraded
 */
@ConfigurationProperties("noticeflow.mail")
public record MailProperties(
    @DefaultValue("noticeflow@datian.example.cn") String from,
    @DefaultValue("http://localhost:8080") String baseUrl,
    String tasklistBaseUrl,
    @DefaultValue("noticeflow.datian.example.cn") String messageIdDomain,
    @DefaultValue Dispatcher dispatcher,
    @DefaultValue("PT15M") Duration stuckAfter) {

  /**
   * @param enabled poll on a schedule (off in the test profile: tests call the dispatcher)
   * @param pollInterval how often each node looks for due messages
   * @param batchSize messages per SMTP connection
   * @param threads how many batches one node sends at once
   * @param firstRetry the back-off after the first failed attempt; doubled after each further one
   * @param maxRetry the longest back-off
   * @param giveUpAfter how long a message matters: older and still unsent, it is given up
   * @param claimFor how long a node's claim on a batch holds (a node that dies frees it then)
   */
  public record Dispatcher(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("PT5S") Duration pollInterval,
      @DefaultValue("50") int batchSize,
      @DefaultValue("4") int threads,
      @DefaultValue("PT1M") Duration firstRetry,
      @DefaultValue("PT30M") Duration maxRetry,
      @DefaultValue("P3D") Duration giveUpAfter,
      @DefaultValue("PT5M") Duration claimFor) {}

  /** The server root, without a trailing slash. */
  public String root() {
    String base = tasklistBaseUrl != null && !tasklistBaseUrl.isBlank() ? tasklistBaseUrl : baseUrl;
    base = base.replaceAll("/+$", "");
    if (base.endsWith("/camunda/app/tasklist")) {
      base = base.substring(0, base.length() - "/camunda/app/tasklist".length());
    } else if (base.endsWith("/camunda/app/tasklist/default")) {
      base = base.substring(0, base.length() - "/camunda/app/tasklist/default".length());
    }
    return base;
  }

  public String taskLink(String taskId) {
    return taskId == null
        ? root() + "/camunda/app/tasklist/"
        : root() + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  /** A department's page on the oversight board (the leading group, supervisors, the office). */
  public String boardLink(String noticeId, String departmentId) {
    return root() + "/oversight/notices/" + noticeId + "/departments/" + departmentId;
  }
}
