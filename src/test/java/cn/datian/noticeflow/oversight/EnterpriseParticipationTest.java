package cn.datian.noticeflow.oversight;

import static cn.datian.noticeflow.support.ProcessElements.INTERMEDIATE_CATCH_EVENT_ANSWER_DUE;
import static cn.datian.noticeflow.support.ProcessElements.INTERMEDIATE_CATCH_EVENT_CHASE_DUE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.deadline.DeadlineChaseService;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.mail.MailLog;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Enterprises take part voluntarily (section 五): one opts in and is then chased like a department,
 * one declines, one never answers. Silence owes nothing: no reminder, never red on the board, never
 * escalated; the board counts the enterprises apart.
 */
class EnterpriseParticipationTest extends ProcessTestSupport {

  private static final String ENTERPRISES = "enterprises";
  private static final String TRANSPORT = "transport";

  @Autowired DeadlineChaseService chase;
  @Autowired MailLog mailLog;

  @Test
  void onlyParticipantsAreReminded_andSilenceIsNeverRed() {
    at("2021-09-13T09:00:00+08:00");
    IssuedNotice silent = published("企业未回复");
    IssuedNotice joining = published("企业报名参加");
    IssuedNotice declining = published("企业谢绝参加");

    String silentEnterprise = responseOf(silent.processInstanceId(), ENTERPRISES).getId();
    String joiningEnterprise = responseOf(joining.processInstanceId(), ENTERPRISES).getId();
    completeAs(
        DemoUsers.clerkOf(ENTERPRISES),
        task(joiningEnterprise, TASK_ACKNOWLEDGE_NOTICE),
        Map.of("acknowledgement", "participate", "contactName", "企业联络人"));
    completeAs(
        DemoUsers.clerkOf(ENTERPRISES),
        task(
            responseOf(declining.processInstanceId(), ENTERPRISES).getId(),
            TASK_ACKNOWLEDGE_NOTICE),
        Map.of("acknowledgement", "decline", "declineReason", "生产任务重，本次不参加"));
    executeJobs();

    // the silent enterprise owes nothing: its deadline watch waits for a change, with no chase
    // timer; its only timer is the answer deadline, after which it ends as 未回复
    assertThat(chase.obligationOf(silent.noticeId(), ENTERPRISES)).isEmpty();
    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(silentEnterprise)
                .activityId(INTERMEDIATE_CATCH_EVENT_ANSWER_DUE)
                .count())
        .isOne();
    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(silentEnterprise)
                .activityId(INTERMEDIATE_CATCH_EVENT_CHASE_DUE)
                .count())
        .isZero();
    // the one that opted in is chased like a department (summary due 30 Sep: reminders before)
    assertThat(chase.obligationOf(joining.noticeId(), ENTERPRISES)).isPresent();
    assertThat(timer(joiningEnterprise)).isNotNull();

    // well past every deadline: the departments and the participant are chased, silence is not
    at("2021-10-12T10:00:00+08:00");
    for (String response : List.of(silentEnterprise, joiningEnterprise)) {
      Job job = timer(response);
      if (job != null) {
        managementService.executeJob(job.getId());
      }
    }
    executeJobs();
    assertThat(mailLog.findAll(silent.noticeId()))
        .noneMatch(e -> ENTERPRISES.equals(e.departmentId()));
    assertThat(mailLog.findAll(joining.noticeId()))
        .anyMatch(e -> ENTERPRISES.equals(e.departmentId()));
    assertThat(timer(silentEnterprise)).isNull();

    assertThat(lights(silent)).containsEntry(ENTERPRISES, "silent").containsEntry(TRANSPORT, "red");
    assertThat(lights(joining)).containsEntry(ENTERPRISES, "red");
    assertThat(lights(declining)).containsEntry(ENTERPRISES, "grey");
    List<String> overdue = new java.util.ArrayList<>();
    json("/api/oversight/overdue", DemoUsers.SUPERVISOR)
        .forEach(
            r -> overdue.add(r.get("noticeId").asText() + ":" + r.get("departmentId").asText()));
    assertThat(overdue)
        .contains(silent.noticeId() + ":" + TRANSPORT, joining.noticeId() + ":" + ENTERPRISES)
        .doesNotContain(silent.noticeId() + ":" + ENTERPRISES);

    // the board counts the enterprises apart from the departments, notice by notice
    assertThat(board(silent)).contains("企业（自愿参加）：", "参加 0、谢绝 0、未回复 1", "未回复 1");
    assertThat(board(joining)).contains("参加 1、谢绝 0、未回复 0");
    assertThat(board(declining)).contains("参加 0、谢绝 1、未回复 0");
    assertThat(
            http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
                .getForObject(
                    "/oversight?notice=" + silent.noticeId() + "&light=silent", String.class))
        .contains("<span id=\"total\">1</span>");
  }

  private IssuedNotice published(String title) {
    IssuedNotice notice =
        issueNotice(title, List.of(TRANSPORT, ENTERPRISES), "2021-09-15", "2021-09-30");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    return notice;
  }

  private Job timer(String response) {
    return managementService.createJobQuery().processInstanceId(response).timers().singleResult();
  }

  private Map<String, String> lights(IssuedNotice notice) {
    Map<String, String> lights = new HashMap<>();
    for (JsonNode row : json("/api/oversight/notices/" + notice.noticeId(), DemoUsers.SUPERVISOR)) {
      lights.put(row.get("departmentId").asText(), row.get("light").asText());
    }
    return lights;
  }

  private JsonNode json(String path, String user) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD).getForObject(path, JsonNode.class);
  }

  private String board(IssuedNotice notice) {
    return http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
        .getForObject("/oversight?notice=" + notice.noticeId(), String.class);
  }

  private static void at(String time) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(time).toInstant()));
  }
}
