package cn.datian.noticeflow.oversight;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The oversight board on a known notice, its lights, filters, CSV and JSON, and who sees what. */
class OversightTest extends ProcessTestSupport {

  @org.springframework.beans.factory.annotation.Autowired
  cn.datian.noticeflow.deadline.ExtensionService extensions;

  @Test
  void board_showsEachDepartmentsLight_andDepartmentsOnlyTheirOwn() {
    ClockUtil.setCurrentTime(
        Date.from(OffsetDateTime.parse("2021-09-13T09:00:00+08:00").toInstant()));
    IssuedNotice notice =
        issueNotice(
            "督查看板",
            List.of("transport", "health", "commerce", "enterprises"),
            "2021-09-15",
            "2021-09-30");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    completeAs(
        DemoUsers.clerkOf("enterprises"),
        task(
            responseOf(notice.processInstanceId(), "enterprises").getId(), TASK_ACKNOWLEDGE_NOTICE),
        Map.of("acknowledgement", "decline", "declineReason", "自愿不参加"));
    acknowledge(responseOf(notice.processInstanceId(), "transport").getId(), "transport");
    acknowledge(responseOf(notice.processInstanceId(), "commerce").getId(), "commerce");

    // 16 Sep: health missed its acknowledgement; the others have more than 3 working days
    ClockUtil.setCurrentTime(
        Date.from(OffsetDateTime.parse("2021-09-16T10:00:00+08:00").toInstant()));
    assertThat(lights(notice, DemoUsers.SUPERVISOR))
        .containsEntry("health", "red")
        .containsEntry("transport", "green")
        .containsEntry("commerce", "green")
        .containsEntry("enterprises", "grey");
    JsonNode overdue = get("/api/oversight/overdue", DemoUsers.LEADER);
    assertThat(overdue.findValuesAsText("departmentId")).contains("health");
    for (JsonNode row : overdue) {
      assertThat(row.get("light").asText()).isEqualTo("red");
      assertThat(row.get("departmentId").asText()).isNotEqualTo("enterprises");
    }

    // 28 Sep: two working days before 30 Sep, transport and commerce turn yellow
    ClockUtil.setCurrentTime(
        Date.from(OffsetDateTime.parse("2021-09-28T10:00:00+08:00").toInstant()));
    assertThat(lights(notice, DemoUsers.OFFICE_CLERK))
        .containsEntry("transport", "yellow")
        .containsEntry("commerce", "yellow")
        .containsEntry("health", "red");

    // a department sees its own row only; strangers nothing
    assertThat(lights(notice, DemoUsers.clerkOf("transport"))).containsOnlyKeys("transport");
    assertThat(http.getForEntity("/api/oversight/overdue", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/oversight", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    // the page and the CSV, filtered by notice and light
    String page =
        http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
            .getForObject("/oversight?notice=" + notice.noticeId() + "&light=yellow", String.class);
    assertThat(page)
        .contains("督办看板", "县交通局", "县商务局", "即将到期")
        .doesNotContain("data-department=\"health\"");
    String csv =
        http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
            .getForObject("/oversight.csv?notice=" + notice.noticeId(), String.class);
    assertThat(csv.lines().toList()).hasSize(5);
    // Chinese headers only (no department ids), and no remaining days on the declined row
    assertThat(csv.lines().findFirst()).hasValue("\uFEFF通知,部门,阶段,期限,剩余工作日,状态");
    assertThat(csv.lines().filter(l -> l.contains("各有关企业")))
        .singleElement()
        .satisfies(l -> assertThat(l).endsWith(",,\"已谢绝\""));
    assertThat(csv)
        .contains("\"县卫健局\",\"待签收\",\"2021-09-15 23:59\",-9,\"已逾期\"", "\"各有关企业\"", "\"已谢绝\"");
    assertThat(
            http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
                .getForEntity("/oversight?light=purple", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(
            http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
                .getForEntity("/oversight?page=0", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);

    // the page counts every light under the other filters, and lists the most urgent first
    String all =
        http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
            .getForObject("/oversight?notice=" + notice.noticeId(), String.class);
    assertThat(all).contains("<span id=\"total\">4</span>", "已逾期 1", "即将到期 2", "正常 0", "已谢绝 1");
    // the user's name (not the login id), the way back to Tasklist, and each row opening its
    // department
    assertThat(all)
        .contains(
            "督查人员",
            "href=\"/camunda/app/tasklist/default/\"",
            "href=\"/oversight/notices/" + notice.noticeId() + "/departments/health\"");
    String declined = all.substring(all.indexOf("data-department=\"enterprises\""));
    assertThat(declined.substring(0, declined.indexOf("</tr>")))
        .contains("<td class=\"days-left\">—</td>");
    assertThat(all.indexOf("data-department=\"health\""))
        .isLessThan(all.indexOf("data-department=\"transport\""));
    assertThat(all.indexOf("data-department=\"transport\""))
        .isLessThan(all.indexOf("data-department=\"enterprises\""));
  }

  @Test
  void aRowOpensTheDepartmentsPage_withItsStepsActivitiesEvidenceAndMail_forItsOwnOnly() {
    IssuedNotice notice = publishNotice("部门页面", List.of("transport", "health"));
    String response = responseOf(notice.processInstanceId(), "transport").getId();
    acknowledge(response, "transport");
    recordActivities(response, "transport", "质量宣传进社区");
    uploadSummaryDocument(response, "transport");
    extensions.request(
        notice.noticeId(),
        "transport",
        java.time.LocalDate.now(ZONE).plusDays(90).toString(),
        "活动延至下月",
        DemoUsers.clerkOf("transport"));
    String path = "/oversight/notices/" + notice.noticeId() + "/departments/transport";

    String page =
        http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
            .getForObject(path, String.class);
    assertThat(page)
        .contains(
            "县交通局",
            "部门页面",
            "活动开展中",
            "签收",
            "登记活动",
            "县交通局联络员",
            "张联络",
            "质量宣传进社区",
            "县城广场",
            "活动总结.pdf",
            "/api/evidence/",
            "督查人员",
            "邮件",
            "审批延期申请",
            "申请延期",
            "活动延至下月");
    assertThat(page).doesNotContain(">transport-clerk<");

    // the department itself sees its page (without the mail log); another department does not
    String own =
        http.withBasicAuth(DemoUsers.clerkOf("transport"), DemoUsers.PASSWORD)
            .getForObject(path, String.class);
    assertThat(own).contains("质量宣传进社区").doesNotContain("<h2>邮件</h2>");
    assertThat(
            http.withBasicAuth(DemoUsers.clerkOf("health"), DemoUsers.PASSWORD)
                .getForEntity(path, String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(
            http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
                .getForEntity(
                    "/oversight/notices/" + notice.noticeId() + "/departments/commerce",
                    String.class)
                .getStatusCode()
                .is4xxClientError())
        .isTrue();
  }

  private Map<String, String> lights(IssuedNotice notice, String user) {
    Map<String, String> lights = new HashMap<>();
    get("/api/oversight/notices/" + notice.noticeId(), user)
        .forEach(r -> lights.put(r.get("departmentId").asText(), r.get("light").asText()));
    return lights;
  }

  private JsonNode get(String path, String user) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD).getForObject(path, JsonNode.class);
  }
}
