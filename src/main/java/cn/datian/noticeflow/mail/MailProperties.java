package cn.datian.noticeflow.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param from the sender address
 * @param tasklistBaseUrl where users reach Tasklist; mails link straight to their task
 * @param messageIdDomain the right-hand side of the deterministic Message-IDs
 * @param retryCycle how a failed send is retried (ISO-8601 repeating interval), then an incident
 */
@ConfigurationProperties("noticeflow.mail")
public record MailProperties(
    @DefaultValue("noticeflow@datian.example.cn") String from,
    @DefaultValue("http://localhost:8080") String tasklistBaseUrl,
    @DefaultValue("noticeflow.datian.example.cn") String messageIdDomain,
    @DefaultValue("R5/PT1M") String retryCycle) {

  public String taskLink(String taskId) {
    String base = tasklistBaseUrl.endsWith("/") ? tasklistBaseUrl.substring(0, tasklistBaseUrl.length() - 1) : tasklistBaseUrl;
    return taskId == null
        ? base + "/camunda/app/tasklist/"
        : base + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }
}
