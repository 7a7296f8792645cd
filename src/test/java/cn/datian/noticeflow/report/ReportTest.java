package cn.datian.noticeflow.report;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CONSOLIDATE_REPORT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_CONSOLIDATION;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.evidence.Evidence;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The generated documents on a known notice, read back with the library that wrote them: transport
 * accepted in the second round, health accepted after a reminder and an urge, the enterprises
 * declined (acknowledge by Wed 15 Sep 2021, deliver by Thu 30 Sep 2021).
 */
class ReportTest extends ProcessTestSupport {

  @Test
  void consolidatedReport_isWrittenWhenTheLastRecipientIsDone_andAgainWithTheOfficeSummary()
      throws IOException {
    at("2021-09-13T09:00:00+08:00");
    IssuedNotice notice =
        issueNotice(
            "质量月汇总检验", List.of("transport", "health", "enterprises"), "2021-09-15", "2021-09-30");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    String transport = responseOf(notice.processInstanceId(), "transport").getId();
    String health = responseOf(notice.processInstanceId(), "health").getId();
    String enterprises = responseOf(notice.processInstanceId(), "enterprises").getId();

    completeAs(
        DemoUsers.clerkOf("enterprises"),
        task(enterprises, TASK_ACKNOWLEDGE_NOTICE),
        Map.of("acknowledgement", "decline", "declineReason", "本企业今年生产任务重，自愿不参加"));
    acknowledge(transport, "transport");
    // Tue 14 Sep 09:00: health is reminded of its acknowledgement due tomorrow, and urged
    at("2021-09-14T09:30:00+08:00");
    executeJobs();
    assertThat(
            post(
                    "/api/notices/" + notice.noticeId() + "/departments/health/urge",
                    Map.of("message", "请于明日前签收"),
                    DemoUsers.OFFICE_CLERK)
                .getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    executeJobs();
    acknowledge(health, "health");

    // status report mid-way (Thu 16 Sep): one declined, two in progress, nobody done yet
    at("2021-09-16T10:00:00+08:00");
    XWPFDocument status =
        docx(
            get(
                "/api/notices/" + notice.noticeId() + "/reports/status.docx",
                DemoUsers.SUPERVISOR));
    assertThat(text(status)).contains("关于《质量月汇总检验》落实情况的通报", "已完成0个", "办理中2个", "已逾期0个", "谢绝参加1个");
    assertThat(tableRows(status))
        .anyMatch(r -> r.equals(List.of("县交通局", "办理中", "活动开展中", "2021-09-30 23:59", "10")));

    // transport: returned once, then accepted; health accepted at the first review
    at("2021-09-22T10:00:00+08:00");
    recordActivities(transport, "transport", "质量宣传进站场");
    submitSummary(transport, "transport", "第一稿");
    signOffAndReview(
        transport, "transport", Map.of("reviewDecision", "return", "reviewComment", "请补充活动照片"));
    recordActivities(transport, "transport", "质量宣传进站场");
    submitSummary(transport, "transport", "第二稿");
    signOffAndReview(transport, "transport", Map.of("reviewDecision", "accept"));
    assertThat(
            get(
                    "/api/notices/" + notice.noticeId() + "/reports/consolidated.docx",
                    DemoUsers.OFFICE_CLERK)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND); // not before the last recipient is done
    recordActivities(health, "health", "食品安全质量抽检");
    submitSummary(health, "health", "卫健局总结");
    signOffAndReview(health, "health", Map.of("reviewDecision", "accept"));
    executeJobs();

    // the last recipient done: version 1 exists and the office's task links to it
    Task consolidate = task(notice.processInstanceId(), TASK_CONSOLIDATE_REPORT);
    List<Map<?, ?>> documents = list(notice.noticeId());
    assertThat(documents).hasSize(1);
    assertThat(taskService.getVariable(consolidate.getId(), "consolidatedReportUrl"))
        .isEqualTo("/api/notices/" + notice.noticeId() + "/reports/" + documents.get(0).get("id"));

    completeAs(
        DemoUsers.OFFICE_CLERK,
        consolidate,
        Map.of("consolidatedSummary", "交通、卫健两局完成全部活动；企业自愿谢绝一家。"));
    Task signOff = task(notice.processInstanceId(), TASK_SIGN_OFF_CONSOLIDATION);
    assertThat(list(notice.noticeId())).hasSize(2);
    String latestUrl = (String) taskService.getVariable(signOff.getId(), "consolidatedReportUrl");
    ResponseEntity<byte[]> latest = get(latestUrl, DemoUsers.OFFICE_HEAD);
    assertThat(latest.getHeaders().getContentDisposition().getFilename())
        .isEqualTo("质量月汇总检验汇总报告（第2版）.docx");
    assertThat(
            get(
                    "/api/notices/" + notice.noticeId() + "/reports/consolidated.docx",
                    DemoUsers.LEADER)
                .getBody())
        .isEqualTo(latest.getBody());

    XWPFDocument report = docx(latest);
    String text = text(report);
    assertThat(text)
        .contains(
            "质量月汇总检验汇总报告",
            "交通、卫健两局完成全部活动；企业自愿谢绝一家。",
            "（一）县交通局",
            "签收：2021-09-13 09:00，县交通局联络员（transport-clerk）（联系人：张联络",
            "结果：已通过，经办公室审核2轮（退回1次）",
            "谢绝参加：2021-09-13 09:00，各有关企业联络员（enterprises-clerk）。理由：本企业今年生产任务重，自愿不参加。",
            "签收：2021-09-14 09:30，县卫健局联络员（health-clerk）");
    List<List<String>> rows = tableRows(report);
    // overview: department, acknowledged, outcome, rounds, activities, evidence, reminders, urges,
    // escalations
    assertThat(rows)
        .contains(
            List.of("县交通局", "2021-09-13 09:00", "已通过", "2", "1", "2", "0", "0", "0"),
            List.of("县卫健局", "2021-09-14 09:30", "已通过", "1", "1", "1", "1", "1", "0"),
            List.of("各有关企业", "2021-09-13 09:00", "已谢绝参加", "0", "0", "0", "0", "0", "0"));
    Evidence healthEvidence =
        evidenceService
            .list(
                notice.noticeId(),
                "health",
                new cn.datian.noticeflow.identity.CurrentUser(
                    DemoUsers.OFFICE_CLERK, java.util.Set.of("office")))
            .get(0);
    assertThat(rows)
        .contains(List.of("活动总结.pdf", "文档", healthEvidence.size() + " B", healthEvidence.sha256()));
    assertThat(rows)
        .anyMatch(r -> r.size() == 4 && r.get(1).equals("办公室退回修改") && r.get(3).equals("请补充活动照片"));
    assertThat(rows)
        .anyMatch(
            r ->
                r.size() == 4
                    && r.get(1).equals("催办")
                    && r.get(2).contains("office-clerk")
                    && r.get(3).equals("请于明日前签收"));
    assertThat(rows)
        .anyMatch(r -> r.size() == 4 && r.get(1).equals("到期提醒") && r.get(2).equals("系统"));
    assertThat(rows)
        .anyMatch(r -> r.size() == 6 && r.get(1).equals("食品安全质量抽检") && r.get(2).equals("宣传"));
  }

  @Test
  void documents_areForThoseWhoFollowAllDepartments() {
    IssuedNotice notice = publishNotice("文档权限", List.of("transport"));
    String reports = "/api/notices/" + notice.noticeId() + "/reports";
    assertThat(get(reports + "/status.docx", DemoUsers.clerkOf("transport")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity(reports + "/status.docx", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(
            get("/api/notices/no-such-notice/reports/status.docx", DemoUsers.SUPERVISOR)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<byte[]> missing = get(reports + "/consolidated.docx", DemoUsers.SUPERVISOR);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(new String(missing.getBody(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("汇总报告尚未生成");
    assertThat(get(reports + "/status.docx", DemoUsers.SUPERVISOR).getHeaders().getContentType())
        .isEqualTo(ReportController.DOCX);
  }

  @Test
  void boardExportsExcel_withTheSameRowsAsTheBoard() throws IOException {
    at("2021-09-13T09:00:00+08:00");
    IssuedNotice notice =
        issueNotice("看板导出", List.of("transport", "health"), "2021-09-15", "2021-09-30");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    acknowledge(responseOf(notice.processInstanceId(), "transport").getId(), "transport");
    at("2021-09-16T10:00:00+08:00");

    List<List<String>> all =
        sheet(get("/oversight.xlsx?notice=" + notice.noticeId(), DemoUsers.SUPERVISOR));
    assertThat(all.get(0)).containsExactly("通知", "部门", "阶段", "期限", "剩余工作日", "状态");
    assertThat(all.subList(1, all.size()))
        .containsExactlyInAnyOrder(
            List.of("看板导出", "县卫健局", "待签收", "2021-09-15 23:59", "-1", "已逾期"),
            List.of("看板导出", "县交通局", "活动开展中", "2021-09-30 23:59", "10", "正常"));
    assertThat(
            sheet(
                get(
                    "/oversight.xlsx?notice=" + notice.noticeId() + "&light=red",
                    DemoUsers.SUPERVISOR)))
        .hasSize(2);
    // a department exports its own row only
    assertThat(
            sheet(
                get("/oversight.xlsx?notice=" + notice.noticeId(), DemoUsers.clerkOf("transport"))))
        .extracting(r -> r.get(1))
        .containsExactly("部门", "县交通局");
    assertThat(get("/oversight.xlsx?light=purple", DemoUsers.SUPERVISOR).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  // --- helpers ------------------------------------------------------------------------------

  private ResponseEntity<byte[]> get(String path, String user) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD).getForEntity(path, byte[].class);
  }

  private ResponseEntity<String> post(String path, Object body, String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, DemoUsers.PASSWORD)
        .exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  @SuppressWarnings("unchecked")
  private List<Map<?, ?>> list(String noticeId) {
    return http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
        .getForObject("/api/notices/" + noticeId + "/reports", List.class);
  }

  private static XWPFDocument docx(ResponseEntity<byte[]> response) throws IOException {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return new XWPFDocument(new ByteArrayInputStream(response.getBody()));
  }

  private static String text(XWPFDocument doc) {
    StringBuilder all = new StringBuilder();
    for (XWPFParagraph p : doc.getParagraphs()) {
      all.append(p.getText()).append('\n');
    }
    return all.toString();
  }

  private static List<List<String>> tableRows(XWPFDocument doc) {
    List<List<String>> rows = new ArrayList<>();
    for (XWPFTable table : doc.getTables()) {
      table
          .getRows()
          .forEach(r -> rows.add(r.getTableCells().stream().map(c -> c.getText()).toList()));
    }
    return rows;
  }

  private static List<List<String>> sheet(ResponseEntity<byte[]> response) throws IOException {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<List<String>> rows = new ArrayList<>();
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
      Sheet sheet = workbook.getSheetAt(0);
      org.apache.poi.ss.usermodel.DataFormatter format =
          new org.apache.poi.ss.usermodel.DataFormatter();
      for (Row row : sheet) {
        List<String> cells = new ArrayList<>();
        row.forEach(c -> cells.add(format.formatCellValue(c)));
        rows.add(cells);
      }
    }
    return rows;
  }

  private static void at(String time) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(time).toInstant()));
  }
}
