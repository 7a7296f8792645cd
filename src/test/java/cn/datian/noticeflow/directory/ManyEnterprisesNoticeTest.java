package cn.datian.noticeflow.directory;

import static cn.datian.noticeflow.support.ProcessElements.INTERMEDIATE_CATCH_EVENT_ANSWER_DUE;
import static cn.datian.noticeflow.support.ProcessElements.INTERMEDIATE_CATCH_EVENT_CHASE_DUE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CONSOLIDATE_REPORT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_DRAFT_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.mail.MailLog;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.response.NoticeRecipient;
import cn.datian.noticeflow.response.RecipientStage;
import cn.datian.noticeflow.response.ResponseRepository;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
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
 * 各有关企业 in one step, and a county's worth of them: a notice goes to every active enterprise, or to
 * those of some industries and/or towns, in the one request that issues it (API and the draft form
 * alike); an unknown town is refused and nothing starts. Five hundred enterprises receive a notice:
 * three opt in, two decline, the rest stay silent — only the participants are reminded, silence
 * ends as 未回复 at the answer deadline, and the notice reaches consolidation.
 */
class ManyEnterprisesNoticeTest extends ProcessTestSupport {

  static final int ENTERPRISES = 500;
  static final String TEA = "批量茶叶";
  static final String MACHINES = "批量机械";
  static final String TOWN_A = "批量甲镇";
  static final String TOWN_B = "批量乙镇";

  private final ObjectMapper json = new ObjectMapper();

  @Autowired NoticeRepository notices;

  @Autowired ResponseRepository recipientRows;
  @Autowired MailLog mailLog;

  @BeforeEach
  void fiveHundredEnterprises() {
    identityService.unlockUser(DemoUsers.OFFICE_CLERK);
    StringBuilder csv = new StringBuilder("企业名称,统一社会信用代码,行业,乡镇,联系人,联系电话,邮箱\n");
    for (int i = 0; i < ENTERPRISES; i++) {
      csv.append("批量企业")
          .append(i)
          .append("有限公司,")
          .append(code(i))
          .append(',')
          .append(industryOf(i))
          .append(',')
          .append(townOf(i))
          .append(",联系人")
          .append(i)
          .append(",,b")
          .append(i)
          .append("@enterprise.example.cn\n");
    }
    ResponseEntity<String> imported = upload("/api/directory/enterprises/import", csv.toString());
    assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void oneRequest_issuesToEveryEnterprise_orByIndustryAndTown_andAnUnknownTownStartsNothing()
      throws Exception {
    JsonNode choices = get("/api/directory/enterprises/choices", DemoUsers.OFFICE_CLERK);
    int active = choices.get("count").asInt();
    assertThat(active).isGreaterThanOrEqualTo(ENTERPRISES);
    assertThat(choices.get("industries").toString()).contains(TEA, MACHINES);
    assertThat(choices.get("towns").toString()).contains(TOWN_A, TOWN_B);
    assertThat(
            http.withBasicAuth(DemoUsers.clerkOf("transport"), DemoUsers.PASSWORD)
                .getForEntity("/api/directory/enterprises/choices", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    // every active enterprise, next to a department, in one request
    List<String> all =
        recipientsOf(issue("{\"recipients\":[\"transport\"],\"enterprises\":{\"all\":true}}"));
    assertThat(all)
        .hasSize(1 + active)
        .startsWith("transport")
        .contains(idOf(0), idOf(ENTERPRISES - 1));
    // the enterprises of one industry alone (no department: recipients may be left out)
    List<String> tea = recipientsOf(issue("{\"enterprises\":{\"industries\":[\"" + TEA + "\"]}}"));
    assertThat(tea)
        .hasSize(ENTERPRISES / 2)
        .allMatch(id -> id.startsWith("ent-"))
        .contains(idOf(0))
        .doesNotContain(idOf(1));
    // an industry and a town together: both must match
    List<String> teaInTownA =
        recipientsOf(
            issue(
                "{\"recipients\":[],\"enterprises\":{\"industries\":[\""
                    + TEA
                    + "\"],\"towns\":[\""
                    + TOWN_A
                    + "\"]}}"));
    assertThat(teaInTownA)
        .hasSize(ENTERPRISES / 10)
        .contains(idOf(0), idOf(10))
        .doesNotContain(idOf(5), idOf(2));
    // 主送 of the official document: the many enterprises written as 各有关企业
    assertThat(noticeService.recipientNames(all)).isEqualTo("县交通局、各有关企业");

    // an unknown town (or industry) is refused by name, in Chinese, and nothing is recorded or
    // started
    long instances = runtimeService.createProcessInstanceQuery().count();
    int noticesBefore = get("/api/notices", DemoUsers.SUPERVISOR).size();
    ResponseEntity<JsonNode> refused =
        post(
            "/api/notices",
            body(
                "{\"recipients\":[\"transport\"],\"enterprises\":{\"industries\":[\""
                    + TEA
                    + "\"],\"towns\":[\"没有这个镇\"]}}"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("detail").asText())
        .contains("enterprises", "没有在册企业位于乡镇：没有这个镇");
    ResponseEntity<JsonNode> badIndustry =
        post("/api/notices", body("{\"enterprises\":{\"industries\":[\"造船\"]}}"));
    assertThat(badIndustry.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badIndustry.getBody().get("detail").asText()).contains("没有在册企业属于行业：造船");
    assertThat(post("/api/notices", body("{\"enterprises\":{\"city\":\"大田\"}}")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(get("/api/notices", DemoUsers.SUPERVISOR).size()).isEqualTo(noticesBefore);

    // Tasklist: an engine start with the fields (a string variable holding the selection) ...
    ResponseEntity<JsonNode> started =
        post(
            "/engine-rest/process-definition/key/notice-lifecycle/submit-form",
            "{\"variables\":{\"title\":{\"value\":\"从Tasklist发给一个镇的企业\"},\"body\":{\"value\":\"正文\"},"
                + "\"issuer\":{\"value\":\"办公室\"},\"deadline\":{\"value\":\""
                + future()
                + "\"},"
                + "\"enterprises\":{\"value\":\"{\\\"towns\\\":[\\\""
                + TOWN_A
                + "\\\"]}\"}}}");
    assertThat(started.getStatusCode())
        .as(String.valueOf(started.getBody()))
        .isEqualTo(HttpStatus.OK);
    assertThat(noticeService.require(started.getBody().get("businessKey").asText()).recipientIds())
        .hasSize(ENTERPRISES / 5)
        .contains(idOf(0), idOf(5));

    // ... and the draft form: the selection saved with the draft, 完成 sends it to sign-off
    String draft =
        post(
                "/engine-rest/process-definition/key/notice-lifecycle/submit-form",
                "{\"variables\":{}}")
            .getBody()
            .get("id")
            .asText();
    String noticeId = (String) runtimeService.getVariable(draft, "noticeId");
    Map<String, Object> fields =
        new HashMap<>(
            Map.of(
                "title",
                "草稿发给机械行业企业",
                "issuer",
                "大田县质量强县工作领导小组办公室",
                "body",
                "正文",
                "deadline",
                future(),
                "recipients",
                List.of(),
                "enterprises",
                Map.of("industries", List.of(MACHINES))));
    JsonNode saved = put("/api/notices/" + noticeId + "/draft", fields);
    assertThat(saved.get("problems").size()).as(saved.toString()).isZero();
    fields.put("enterprises", Map.of("towns", List.of("没有这个镇")));
    assertThat(
            put("/api/notices/" + noticeId + "/draft", fields)
                .get("problems")
                .get("enterprises")
                .asText())
        .contains("没有在册企业位于乡镇：没有这个镇");
    fields.put("enterprises", Map.of("industries", List.of(MACHINES)));
    put("/api/notices/" + noticeId + "/draft", fields);
    completeAs(DemoUsers.OFFICE_CLERK, task(draft, TASK_DRAFT_NOTICE), Map.of());
    assertThat(noticeService.require(noticeId).recipientIds())
        .hasSize(ENTERPRISES / 2)
        .contains(idOf(1))
        .doesNotContain(idOf(0));
  }

  @Test
  void fiveHundredEnterprises_fewOptIn_fewDecline_silenceEndsUnanswered_andTheNoticeIsConsolidated()
      throws Exception {
    at("2021-09-13T09:00:00+08:00");
    List<Integer> joining = List.of(0, 1, 2);
    List<Integer> declining = List.of(3, 4);
    // their people, by the enterprise's name: a clerk and a head each
    StringBuilder people = new StringBuilder("用户名,姓名,单位,角色,邮箱,手机\n");
    for (int i : joining) {
      people
          .append(DemoUsers.clerkOf(idOf(i)))
          .append(",经办")
          .append(i)
          .append(",批量企业")
          .append(i)
          .append("有限公司,经办人,c")
          .append(i)
          .append("@enterprise.example.cn,\n");
      people
          .append(DemoUsers.headOf(idOf(i)))
          .append(",负责")
          .append(i)
          .append(",批量企业")
          .append(i)
          .append("有限公司,负责人,h")
          .append(i)
          .append("@enterprise.example.cn,\n");
    }
    for (int i : declining) {
      people
          .append(DemoUsers.clerkOf(idOf(i)))
          .append(",经办")
          .append(i)
          .append(",批量企业")
          .append(i)
          .append("有限公司,经办人,c")
          .append(i)
          .append("@enterprise.example.cn,\n");
    }
    ResponseEntity<String> imported = upload("/api/directory/users/import", people.toString());
    assertThat(imported.getStatusCode()).as(imported.getBody()).isEqualTo(HttpStatus.OK);

    long started = System.nanoTime();
    String noticeId =
        issue(
            "{\"title\":\"关于开展质量月活动的通知（企业）\",\"acknowledgeBy\":\"2021-09-15\",\"deadline\":\"2021-09-30\","
                + "\"enterprises\":{\"industries\":[\""
                + TEA
                + "\",\""
                + MACHINES
                + "\"]}}");
    String lifecycle = noticeService.require(noticeId).processInstanceId();
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle, TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    System.out.printf(
        "[ManyEnterprisesNoticeTest] %d enterprise responses started in %d ms%n",
        ENTERPRISES, (System.nanoTime() - started) / 1_000_000);
    Map<String, String> response =
        runtimeService
            .createProcessInstanceQuery()
            // top-level responses (the fan-out): the notice's id is their business key
            .processDefinitionKey("department-response")
            .processInstanceBusinessKey(noticeId)
            .list()
            .stream()
            .collect(
                Collectors.toMap(
                    p -> (String) runtimeService.getVariable(p.getId(), "departmentId"),
                    ProcessInstance::getId));
    assertThat(response).hasSize(ENTERPRISES);
    // every one waits for its own answer, none is chased
    // (one query by activity: Camunda's job query cannot combine it with a list of instances on H2)
    java.util.Set<String> ours = new java.util.HashSet<>(response.values());
    assertThat(
            managementService
                .createJobQuery()
                .activityId(INTERMEDIATE_CATCH_EVENT_ANSWER_DUE)
                .list()
                .stream()
                .filter(j -> ours.contains(j.getProcessInstanceId()))
                .count())
        .isEqualTo(ENTERPRISES);
    assertThat(
            managementService
                .createJobQuery()
                .activityId(INTERMEDIATE_CATCH_EVENT_CHASE_DUE)
                .list()
                .stream()
                .filter(j -> ours.contains(j.getProcessInstanceId()))
                .count())
        .isZero();

    for (int i : joining) {
      completeAs(
          DemoUsers.clerkOf(idOf(i)),
          task(response.get(idOf(i)), TASK_ACKNOWLEDGE_NOTICE),
          Map.of("acknowledgement", "participate", "contactName", "企业联络人" + i));
    }
    for (int i : declining) {
      completeAs(
          DemoUsers.clerkOf(idOf(i)),
          task(response.get(idOf(i)), TASK_ACKNOWLEDGE_NOTICE),
          Map.of("acknowledgement", "decline", "declineReason", "本月订单多，暂不参加"));
    }
    executeJobs();

    // two days before the summary deadline: the answer deadline (15 Sep) is long past
    at("2021-09-28T09:00:00+08:00");
    long silenceStarted = System.nanoTime();
    executeJobs();
    System.out.printf(
        "[ManyEnterprisesNoticeTest] %d silent responses ended and reminders written in %d ms%n",
        ENTERPRISES - 5, (System.nanoTime() - silenceStarted) / 1_000_000);

    Map<RecipientStage, Long> stages =
        recipientRows.recipients(noticeId).stream()
            .collect(Collectors.groupingBy(NoticeRecipient::stage, Collectors.counting()));
    assertThat(stages)
        .containsOnly(
            Map.entry(RecipientStage.EXECUTING, 3L),
            Map.entry(RecipientStage.DECLINED, 2L),
            Map.entry(RecipientStage.NO_ANSWER, (long) ENTERPRISES - 5));
    // only the participants are reminded; nobody is escalated
    List<MailLog.Entry> mails = mailLog.findAll(noticeId);
    assertThat(mails).isNotEmpty();
    assertThat(mails.stream().map(MailLog.Entry::departmentId).distinct())
        .containsExactlyInAnyOrderElementsOf(
            joining.stream().map(ManyEnterprisesNoticeTest::idOf).toList());
    assertThat(mails).allMatch(m -> m.kind().name().equals("REMINDER"), "reminders only");
    // silence is 未回复 on the board, never red
    Map<String, String> lights = new HashMap<>();
    get("/api/oversight/notices/" + noticeId, DemoUsers.SUPERVISOR)
        .forEach(r -> lights.put(r.get("departmentId").asText(), r.get("light").asText()));
    assertThat(lights.values().stream().filter("silent"::equals).count())
        .isEqualTo(ENTERPRISES - 5);
    assertThat(lights.values()).doesNotContain("red");
    assertThat(
            http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
                .getForObject("/oversight?notice=" + noticeId, String.class))
        .contains("参加 3、谢绝 2、未回复 " + (ENTERPRISES - 5));

    // the participants finish; the silent and the declined are final already: consolidation
    for (int i : joining) {
      assertThat(instance(response.get(idOf(i)))).isWaitingAt(TASK_RECORD_ACTIVITIES);
      // opted in already: activities, summary, the head's sign-off, the office's acceptance
      recordActivities(response.get(idOf(i)), idOf(i), "企业质量开放日" + i);
      submitSummary(response.get(idOf(i)), idOf(i), "企业质量开放日" + i + "：活动总结");
      signOffAndReview(response.get(idOf(i)), idOf(i), Map.of("reviewDecision", "accept"));
    }
    executeJobs();
    assertThat(instance(lifecycle)).isWaitingAt(TASK_CONSOLIDATE_REPORT);
    assertThat((String) runtimeService.getVariable(lifecycle, "consolidationOverview"))
        .contains(
            "共 " + ENTERPRISES + " 个接收单位，3 个总结已通过审核", "2 个自愿谢绝", (ENTERPRISES - 5) + " 个企业未回复");
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey("department-response")
                .processInstanceBusinessKey(noticeId)
                .count())
        .isZero();
  }

  static String idOf(int i) {
    return EnterpriseDirectory.idOf(code(i));
  }

  private static String code(int i) {
    String first17 = "91350425MB" + String.format("%07d", 6100000 + i);
    return first17 + CreditCode.checkChar(first17);
  }

  private static String industryOf(int i) {
    return i % 2 == 0 ? TEA : MACHINES;
  }

  private static String townOf(int i) {
    return i % 5 == 0 ? TOWN_A : TOWN_B;
  }

  private static String future() {
    return cn.datian.noticeflow.common.EngineTime.now()
        .atZone(ZONE)
        .toLocalDate()
        .plusDays(30)
        .toString();
  }

  /** Issues through the API as the office clerk; the given fields over a valid notice. */
  private String issue(String fields) throws Exception {
    ResponseEntity<JsonNode> issued = post("/api/notices", body(fields));
    assertThat(issued.getStatusCode())
        .as(String.valueOf(issued.getBody()))
        .isEqualTo(HttpStatus.CREATED);
    return issued.getBody().get("noticeId").asText();
  }

  private String body(String fields) throws Exception {
    Map<String, Object> body =
        new HashMap<>(
            Map.of(
                "title",
                "发给企业的通知",
                "issuer",
                "大田县质量强县工作领导小组办公室",
                "body",
                "正文",
                "deadline",
                future()));
    @SuppressWarnings("unchecked")
    Map<String, Object> given = json.readValue(fields, Map.class);
    body.putAll(given);
    return json.writeValueAsString(body);
  }

  private List<String> recipientsOf(String noticeId) {
    return noticeService.require(noticeId).recipientIds();
  }

  private ResponseEntity<JsonNode> post(String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    return http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
        .postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private JsonNode put(String path, Map<String, Object> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> answer =
        http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
            .exchange(
                path,
                org.springframework.http.HttpMethod.PUT,
                new HttpEntity<>(body, headers),
                JsonNode.class);
    assertThat(answer.getStatusCode())
        .as(String.valueOf(answer.getBody()))
        .isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  private JsonNode get(String path, String user) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD).getForObject(path, JsonNode.class);
  }

  private ResponseEntity<String> upload(String path, String csv) {
    LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add(
        "file",
        new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
          @Override
          public String getFilename() {
            return "batch.csv";
          }
        });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
        .postForEntity(path, new HttpEntity<>(parts, headers), String.class);
  }

  private static void at(String time) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(time).toInstant()));
  }
}
