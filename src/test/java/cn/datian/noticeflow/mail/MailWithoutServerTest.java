package cn.datian.noticeflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.support.ProcessTestSupport;
import cn.datian.noticeflow.support.TestMailServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

/** Without an SMTP server (the default profile) messages are recorded, not failed or lost. */
class MailWithoutServerTest extends ProcessTestSupport {

  @Autowired MailLog mailLog;
  @Autowired MailComposer composer;
  @Autowired MailProperties properties;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void noMailServerConfigured_messagesAreRecorded_onceEach() throws Exception {
    MailService withoutServer =
        new MailService(
            mailLog, composer, properties,
            new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
            transactionManager);
    TestMailServer.purge();
    MailMessage message =
        new MailMessage(
            "urge:no-server-test:transport:1", MailKind.URGE, "no-server-notice", "transport",
            List.of("transport@datian.example.cn"),
            Map.of("noticeTitle", "无邮件服务器", "departmentName", "县交通局", "message", "请抓紧",
                "urgedBy", "office-clerk", "dueText", "2021-09-30 23:59", "taskNames", "签收通知",
                "taskLink", "http://localhost:8080/camunda/app/tasklist/"));

    assertThat(withoutServer.enqueue(message)).isTrue();
    assertThat(withoutServer.enqueue(message)).as("the same key is written once").isFalse();
    assertThat(withoutServer.deliverPending("no-server-notice", "transport")).isEqualTo(1);
    assertThat(withoutServer.deliverPending("no-server-notice", "transport")).isZero();

    MailLog.Entry entry = mailLog.findAll("no-server-notice").get(0);
    assertThat(entry.state()).isEqualTo(MailState.RECORDED);
    assertThat(entry.subject()).isEqualTo("【催办】县交通局：请抓紧办理《无邮件服务器》");
    assertThat(entry.text()).contains("请抓紧", "http://localhost:8080/camunda/app/tasklist/");
    assertThat(entry.html()).contains("href=\"http://localhost:8080/camunda/app/tasklist/\"");
    assertThat(entry.messageId()).matches("<[0-9a-f]{32}@noticeflow\\.datian\\.example\\.cn>");
    assertThat(TestMailServer.received()).isEmpty();
  }
}
