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

/** Without an SMTP server (the default profile) messages are recorded, not failed or lost. */
class MailWithoutServerTest extends ProcessTestSupport {

  @Autowired MailLog mailLog;
  @Autowired MailService mailService;
  @Autowired MailComposer composer;
  @Autowired MailProperties properties;
  @Autowired List<MailContent> contents;

  @Test
  void noMailServerConfigured_messagesAreRecorded_onceEach() throws Exception {
    MailDispatcher withoutServer =
        new MailDispatcher(
            mailLog,
            composer,
            properties,
            new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
            contents);
    TestMailServer.purge();
    MailMessage message =
        new MailMessage(
            "urge:no-server-test:transport:1",
            MailKind.URGE,
            "no-server-notice",
            "transport",
            List.of("transport@datian.example.cn"),
            Map.of(
                "noticeTitle",
                "无邮件服务器",
                "departmentName",
                "县交通局",
                "message",
                "请抓紧",
                "urgedBy",
                "办公室经办人",
                "dueText",
                "2021-09-30 23:59",
                "taskNames",
                "签收通知",
                "taskLink",
                "http://localhost:8080/camunda/app/tasklist/"));

    assertThat(mailService.enqueue(message)).isTrue();
    assertThat(mailService.enqueue(message)).as("the same key is written once").isFalse();
    withoutServer.dispatchDue();
    assertThat(withoutServer.dispatchDue().handled()).isZero();

    MailLog.Entry entry = mailLog.findAll("no-server-notice").get(0);
    assertThat(entry.state()).isEqualTo(MailState.RECORDED);
    assertThat(entry.subject()).isEqualTo("【催办】县交通局：请抓紧办理《无邮件服务器》");
    assertThat(entry.text()).contains("请抓紧", "http://localhost:8080/camunda/app/tasklist/");
    assertThat(entry.html()).contains("href=\"http://localhost:8080/camunda/app/tasklist/\"");
    assertThat(entry.messageId()).matches("<[0-9a-f]{32}@noticeflow\\.datian\\.example\\.cn>");
    assertThat(TestMailServer.received()).isEmpty();
  }

  @Test
  void baseUrl_isTheServerRoot_andTheFormerTasklistSettingStillWorks() {
    MailProperties.Dispatcher defaults = properties.dispatcher();
    MailProperties root =
        new MailProperties(
            "a@b", "https://nf.example.cn/", null, "d", defaults, properties.stuckAfter());
    assertThat(root.taskLink("t1"))
        .isEqualTo("https://nf.example.cn/camunda/app/tasklist/default/#/?task=t1");
    assertThat(root.boardLink("n1", "transport"))
        .isEqualTo("https://nf.example.cn/oversight/notices/n1/departments/transport");
    MailProperties former =
        new MailProperties(
            "a@b",
            "http://localhost:8080",
            "https://nf.example.cn/camunda/app/tasklist/",
            "d",
            defaults,
            properties.stuckAfter());
    assertThat(former.taskLink(null)).isEqualTo("https://nf.example.cn/camunda/app/tasklist/");
  }
}
