package cn.datian.noticeflow.directory;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Enterprises as themselves: imported with their credit codes checked, each a recipient of its own;
 * a notice to the enterprises of one town reaches each; some opt in, one declines, most stay
 * silent: only the participants are reminded, silence is never red, the board counts them apart.
 */
class EnterpriseDirectoryTest extends ProcessTestSupport {

  private final ObjectMapper json = new ObjectMapper();

  /** Another test class's wrong password may have left the office clerk's login delayed. */
  @org.junit.jupiter.api.BeforeEach
  void officeClerkCanLogIn() {
    identityService.unlockUser(DemoUsers.OFFICE_CLERK);
  }

  @Autowired DepartmentDirectory directory;
  @Autowired DeadlineChaseService chase;
  @Autowired MailLog mailLog;

  @Test
  void creditCodes_areCheckedByTheirCheckCharacter() {
    String first17 = "91350425MA3100037";
    String valid = first17 + CreditCode.checkChar(first17);
    assertThat(CreditCode.isValid(valid)).isTrue();
    char wrong = CreditCode.CHARS.charAt((CreditCode.CHARS.indexOf(valid.charAt(17)) + 1) % 31);
    assertThat(CreditCode.isValid(first17 + wrong)).isFalse();
    assertThat(CreditCode.isValid(valid.substring(0, 17))).isFalse();
    assertThat(CreditCode.isValid(valid.replace('M', 'I')))
        .as("I is not a code character")
        .isFalse();
    // a code often quoted as an example of the format
    assertThat(CreditCode.isValid("91350100M000100Y43")).isTrue();
    assertThat(ExampleEnterprises.examples())
        .hasSize(30)
        .allMatch(
            e -> CreditCode.isValid(e.creditCode()) && e.example() && e.name().contains("示例"));
  }

  @Test
  void aFileWithErrors_importsNothing() throws Exception {
    String good = code(900);
    String bad = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
    String csv =
        "\uFEFF企业名称,统一社会信用代码,行业,乡镇,联系人,联系电话,邮箱\n"
            + "错误测试甲公司,"
            + good
            + ",建材,均溪镇,甲,13800000000,a@example.cn\n"
            + "错误测试乙公司,"
            + good
            + ",建材,均溪镇,乙,,b@example.cn\n"
            + "错误测试丙公司,"
            + bad
            + ",建材,均溪镇,丙,,c@example.cn\n"
            + ","
            + code(901)
            + ",建材,均溪镇,丁,12,d@\n";
    ResponseEntity<String> answer = upload(csv, DemoUsers.OFFICE_CLERK);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    List<String> errors = new ArrayList<>();
    json.readTree(answer.getBody()).get("errors").forEach(e -> errors.add(e.asText()));
    assertThat(errors)
        .containsExactly(
            "第3行「统一社会信用代码」：" + good + " 与第2行重复",
            "第4行「统一社会信用代码」：" + bad + " 无效（应为18位，末位校验码须符合GB 32100-2015）",
            "第5行「企业名称」：不能为空",
            "第5行「联系电话」：12 不是手机号码或固定电话（如 0598-7222222）",
            "第5行「邮箱」：d@ 格式不正确");
    assertThat(directory.find(EnterpriseDirectory.idOf(good))).isEmpty();
    assertThat(upload(csv, DemoUsers.clerkOf("transport")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void enterprisesOfOneTown_receiveTheNotice_onlyParticipantsAreChased_silenceIsNeverRed()
      throws Exception {
    at("2021-09-13T09:00:00+08:00");
    StringBuilder csv = new StringBuilder("企业名称,统一社会信用代码,行业,乡镇,联系人,联系电话,邮箱\n");
    int n = 12;
    for (int i = 0; i < n; i++) {
      csv.append("测试企业")
          .append(i)
          .append("有限公司,")
          .append(code(i))
          .append(",茶叶,")
          .append(i < 10 ? "测试镇" : "别的镇")
          .append(",联系人")
          .append(i)
          .append(",0598-7220")
          .append(100 + i)
          .append(",t")
          .append(i)
          .append("@enterprise.example.cn\n");
    }
    ResponseEntity<String> imported = upload(csv.toString(), DemoUsers.OFFICE_CLERK);
    assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode result = json.readTree(imported.getBody());
    assertThat(result.get("added").asInt() + result.get("unchanged").asInt()).isEqualTo(n);
    JsonNode again = json.readTree(upload(csv.toString(), DemoUsers.OFFICE_CLERK).getBody());
    assertThat(again.get("unchanged").asInt()).isEqualTo(n);
    assertThat(again.get("added").asInt() + again.get("changed").asInt()).isZero();

    // the chosen subset: the enterprises of one town
    List<String> town = new ArrayList<>();
    json.readTree(get("/api/directory/enterprises/ids?town=测试镇", DemoUsers.OFFICE_CLERK).getBody())
        .forEach(id -> town.add(id.asText()));
    assertThat(town).hasSize(10).allMatch(id -> id.startsWith("ent-"));
    assertThat(directory.require(town.get(0)).isVoluntary()).isTrue();
    assertThat(
            get("/api/directory/enterprises/ids", DemoUsers.clerkOf("transport")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    // their people come from the people import, by the enterprise's name
    String people =
        "用户名,姓名,单位,角色,邮箱,手机\n"
            + "qy-0,企业甲联络员,测试企业0有限公司,经办人,q0@enterprise.example.cn,\n"
            + "qy-1,企业乙联络员,测试企业1有限公司,经办人,q1@enterprise.example.cn,\n"
            + "qy-2,企业丙联络员,测试企业2有限公司,经办人,q2@enterprise.example.cn,\n";
    JsonNode passwords = json.readTree(uploadPeople(people).getBody()).get("initialPasswords");

    List<String> recipients = new ArrayList<>(List.of("transport"));
    recipients.addAll(town);
    IssuedNotice notice = issueNotice("企业自愿参加测试", recipients, "2021-09-15", "2021-09-30");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    Map<String, String> response = new HashMap<>();
    for (String id : town) {
      response.put(id, responseOf(notice.processInstanceId(), id).getId());
    }
    // two opt in, one declines (each through its own login), seven never answer
    for (int i = 0; i < 3; i++) {
      String id = town.get(i);
      String user = userOf(id);
      assertThat(passwords.has(user)).isTrue();
      Map<String, Object> answer =
          i < 2
              ? Map.of("acknowledgement", "participate", "contactName", "企业联络人")
              : Map.of("acknowledgement", "decline", "declineReason", "本月订单多，暂不参加");
      completeAs(user, task(response.get(id), TASK_ACKNOWLEDGE_NOTICE), answer);
    }
    executeJobs();
    for (int i = 0; i < town.size(); i++) {
      // a chase timer only for participants; the silent ones wait for their answer deadline only
      String responseId = response.get(town.get(i));
      assertThat(
              managementService
                  .createJobQuery()
                  .processInstanceId(responseId)
                  .activityId(INTERMEDIATE_CATCH_EVENT_CHASE_DUE)
                  .count())
          .as("only participants are chased: " + i)
          .isEqualTo(i < 2 ? 1 : 0);
      assertThat(
              managementService
                  .createJobQuery()
                  .processInstanceId(responseId)
                  .activityId(INTERMEDIATE_CATCH_EVENT_ANSWER_DUE)
                  .count())
          .as("only the silent wait for an answer: " + i)
          .isEqualTo(i < 3 ? 0 : 1);
    }

    // long past the deadline: participants are reminded and escalated, silence is not
    at("2021-10-12T10:00:00+08:00");
    for (String id : town) {
      Job timer = timer(response.get(id));
      if (timer != null) {
        managementService.executeJob(timer.getId());
      }
    }
    executeJobs();
    List<String> chased =
        mailLog.findAll(notice.noticeId()).stream()
            .map(MailLog.Entry::departmentId)
            .distinct()
            .toList();
    assertThat(chased).containsExactlyInAnyOrder("transport", town.get(0), town.get(1));

    Map<String, String> lights = new HashMap<>();
    for (JsonNode row :
        json.readTree(
            get("/api/oversight/notices/" + notice.noticeId(), DemoUsers.SUPERVISOR).getBody())) {
      lights.put(row.get("departmentId").asText(), row.get("light").asText());
    }
    assertThat(lights.get(town.get(0))).isEqualTo("red");
    assertThat(lights.get(town.get(2))).isEqualTo("grey");
    assertThat(town.subList(3, 10)).allMatch(id -> lights.get(id).equals("silent"));
    assertThat(get("/oversight?notice=" + notice.noticeId(), DemoUsers.SUPERVISOR).getBody())
        .contains("参加 2、谢绝 1、未回复 7", "未回复 7");
    // silence is counted under its own light, never among the overdue ones
    assertThat(
            get("/oversight?notice=" + notice.noticeId() + "&light=red", DemoUsers.SUPERVISOR)
                .getBody())
        .contains("<span id=\"total\">3</span>");

    // the status report counts them apart too; silence is not among the overdue
    byte[] report =
        http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
            .getForObject(
                "/api/notices/" + notice.noticeId() + "/reports/status.docx", byte[].class);
    try (var doc =
        new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(report))) {
      String text = new org.apache.poi.xwpf.extractor.XWPFWordExtractor(doc).getText();
      assertThat(text).contains("其中企业（自愿参加）10个：参加 2、谢绝 1、未回复 7。", "已逾期3个", "未回复（自愿参加，不计逾期）7个");
    }

    // a deactivated enterprise keeps its history but is no recipient of new notices
    String gone = town.get(9);
    assertThat(
            http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
                .exchange(
                    "/api/directory/enterprises/" + gone,
                    org.springframework.http.HttpMethod.DELETE,
                    null,
                    String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(directory.contains(gone)).isFalse();
    assertThat(directory.unknownIds(List.of(gone))).containsExactly(gone);
    // its history stays: found by id, its open response still owes nothing, never red
    assertThat(directory.require(gone).isVoluntary()).isTrue();
    assertThat(chase.obligationOf(notice.noticeId(), gone)).isEmpty();
    JsonNode rows =
        json.readTree(
            get("/api/oversight/notices/" + notice.noticeId(), DemoUsers.SUPERVISOR).getBody());
    rows.forEach(
        r -> {
          if (r.get("departmentId").asText().equals(gone)) {
            assertThat(r.get("light").asText()).isEqualTo("silent");
          }
        });
    assertThat(
            get("/oversight?notice=" + notice.noticeId() + "&light=red", DemoUsers.SUPERVISOR)
                .getBody())
        .contains("<span id=\"total\">3</span>");
    assertThat(lights).containsKey(gone);
    assertThat(
            json.readTree(
                get("/api/directory/enterprises/ids?town=测试镇", DemoUsers.OFFICE_CLERK).getBody()))
        .hasSize(9);
  }

  private String userOf(String enterpriseId) {
    for (int i = 0; i < 3; i++) {
      if (EnterpriseDirectory.idOf(code(i)).equals(enterpriseId)) {
        return "qy-" + i;
      }
    }
    throw new AssertionError("no user for " + enterpriseId);
  }

  private static String code(int i) {
    String first17 = "91350425MA" + String.format("%07d", 5200000 + i);
    return first17 + CreditCode.checkChar(first17);
  }

  private Job timer(String response) {
    return managementService.createJobQuery().processInstanceId(response).timers().singleResult();
  }

  private ResponseEntity<String> get(String path, String user) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD).getForEntity(path, String.class);
  }

  private ResponseEntity<String> upload(String csv, String user) {
    return post("/api/directory/enterprises/import", csv, user);
  }

  private ResponseEntity<String> uploadPeople(String csv) {
    return post("/api/directory/users/import", csv, DemoUsers.OFFICE_CLERK);
  }

  private ResponseEntity<String> post(String path, String csv, String user) {
    LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add(
        "file",
        new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
          @Override
          public String getFilename() {
            return "file.csv";
          }
        });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, DemoUsers.PASSWORD)
        .postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

  private static void at(String time) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(time).toInstant()));
  }
}
