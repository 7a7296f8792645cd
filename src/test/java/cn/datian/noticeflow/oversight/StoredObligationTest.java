package cn.datian.noticeflow.oversight;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CONSOLIDATE_REPORT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_DECIDE_EXTENSION;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REVIEW_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_CONSOLIDATION;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.deadline.ExtensionService;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.identity.Groups;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.notice.NoticeState;
import cn.datian.noticeflow.response.NoticeRecipient;
import cn.datian.noticeflow.response.RecipientStage;
import cn.datian.noticeflow.response.ResponseRepository;
import cn.datian.noticeflow.response.WhatIsOwed;
import cn.datian.noticeflow.response.WhatIsOwed.Owed;
import cn.datian.noticeflow.response.WhatIsOwed.Standing;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * What a recipient owes and by when is stored on its row (the board's index reads it): after every
 * transition — acknowledgement, delivery to the head, sign-off, return, acceptance, decline, an
 * approved extension, a calendar change, the notice closing — the stored columns are what the one
 * rule ({@link WhatIsOwed}) says for the recipient as it now stands, and the board's SQL counts
 * each light as the rows' Java lights do.
 */
class StoredObligationTest extends ProcessTestSupport {

  private static final String TRANSPORT = "transport";
  private static final String HEALTH = "health";
  private static final String COMMERCE = "commerce";
  private static final String ENTERPRISES = "enterprises";
  private static final CurrentUser SUPERVISOR =
      new CurrentUser(DemoUsers.SUPERVISOR, Set.of(Groups.SUPERVISORS));

  @Autowired NoticeRepository notices;

  @Autowired ResponseRepository recipientRows;
  @Autowired ExtensionService extensions;
  @Autowired OversightService oversight;

  @Test
  void theStoredObligationFollowsEveryTransition_asTheRuleSays() {
    at("2021-09-13T09:00:00+08:00");
    IssuedNotice issued =
        issueNotice(
            "应交事项随办理而变",
            List.of(TRANSPORT, HEALTH, COMMERCE, ENTERPRISES),
            "2021-09-15",
            "2021-09-30");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(issued.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    Notice notice = notices.find(issued.noticeId()).orElseThrow();
    OffsetDateTime acknowledgeBy = notice.acknowledgeBy();
    OffsetDateTime deadline = notice.deadline();

    // published: departments owe their acknowledgement; the enterprise's silence owes nothing
    assertStored(issued, TRANSPORT, Owed.ACKNOWLEDGEMENT, acknowledgeBy, Standing.OWING);
    assertStored(issued, ENTERPRISES, null, acknowledgeBy, Standing.SILENT);

    String transport = responseOf(issued.processInstanceId(), TRANSPORT).getId();
    acknowledge(transport, TRANSPORT);
    assertStored(issued, TRANSPORT, Owed.SUMMARY, deadline, Standing.OWING);

    // delivered to its head: the summary is still owed (by the heads)
    recordActivities(transport, TRANSPORT, "质量宣传进社区");
    submitSummary(transport, TRANSPORT, "活动总结");
    assertThat(stage(issued, TRANSPORT)).isEqualTo(RecipientStage.AWAITING_SIGN_OFF);
    assertStored(issued, TRANSPORT, Owed.SUMMARY, deadline, Standing.OWING);

    // signed off to the office: nothing owed while it is reviewed
    completeAs(
        DemoUsers.headOf(TRANSPORT),
        task(transport, TASK_SIGN_OFF_SUMMARY),
        Map.of("headDecision", "approve"));
    assertThat(stage(issued, TRANSPORT)).isEqualTo(RecipientStage.IN_REVIEW);
    assertStored(issued, TRANSPORT, null, deadline, Standing.SETTLED);

    // returned: owed again
    completeAs(
        DemoUsers.OFFICE_CLERK,
        task(transport, TASK_REVIEW_SUMMARY),
        Map.of("reviewDecision", "return", "reviewComment", "请补充活动照片"));
    assertThat(stage(issued, TRANSPORT)).isEqualTo(RecipientStage.RETURNED);
    assertStored(issued, TRANSPORT, Owed.SUMMARY, deadline, Standing.OWING);

    // accepted: nothing owed for good
    recordActivities(transport, TRANSPORT, "质量宣传进社区");
    submitSummary(transport, TRANSPORT, "补充后的活动总结");
    signOffAndReview(transport, TRANSPORT, Map.of("reviewDecision", "accept"));
    assertThat(stage(issued, TRANSPORT)).isEqualTo(RecipientStage.ACCEPTED);
    assertStored(issued, TRANSPORT, null, deadline, Standing.SETTLED);

    // the enterprise declines
    completeAs(
        DemoUsers.clerkOf(ENTERPRISES),
        task(responseOf(issued.processInstanceId(), ENTERPRISES).getId(), TASK_ACKNOWLEDGE_NOTICE),
        Map.of("acknowledgement", "decline", "declineReason", "生产任务重，本次不参加"));
    assertStored(issued, ENTERPRISES, null, deadline, Standing.DECLINED);

    // an approved extension moves what the department owes by (a request alone does not)
    String health = responseOf(issued.processInstanceId(), HEALTH).getId();
    acknowledge(health, HEALTH);
    extensions.request(
        issued.noticeId(), HEALTH, "2021-10-15", "活动延至下月", DemoUsers.clerkOf(HEALTH));
    assertStored(issued, HEALTH, Owed.SUMMARY, deadline, Standing.OWING);
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(health, TASK_DECIDE_EXTENSION),
        Map.of("extensionDecision", "approve", "extensionComment", "同意"));
    assertStored(
        issued,
        HEALTH,
        Owed.SUMMARY,
        OffsetDateTime.parse("2021-10-15T23:59:59+08:00"),
        Standing.OWING);

    // a calendar change: what is owed by stays a date; the light follows the new working days
    String commerce = responseOf(issued.processInstanceId(), COMMERCE).getId();
    acknowledge(commerce, COMMERCE);
    at("2021-09-24T10:00:00+08:00"); // Fri; until Thu 30 Sep: 26 (调休), 27, 28, 29, 30
    assertThat(light(issued, COMMERCE)).isEqualTo(Light.GREEN);
    JsonNode year2021 =
        http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
            .getForObject("/api/calendar/2021", JsonNode.class);
    List<String> holidays = new java.util.ArrayList<>();
    year2021.get("holidays").forEach(d -> holidays.add(d.asText()));
    List<String> workdays = new java.util.ArrayList<>();
    year2021.get("workdays").forEach(d -> workdays.add(d.asText()));
    String source = year2021.path("source").asText(null);
    try {
      List<String> more = new java.util.ArrayList<>(holidays);
      more.addAll(List.of("2021-09-27", "2021-09-28"));
      putCalendar(2021, more, workdays, source);
      assertStored(issued, COMMERCE, Owed.SUMMARY, deadline, Standing.OWING);
      assertThat(light(issued, COMMERCE)).isEqualTo(Light.YELLOW); // three working days left
    } finally {
      putCalendar(2021, holidays, workdays, source);
    }
    assertThat(light(issued, COMMERCE)).isEqualTo(Light.GREEN);

    // the rest delivered and accepted, the notice consolidated and closed: off the board
    at("2021-09-27T10:00:00+08:00");
    for (String[] department :
        List.of(new String[] {health, HEALTH}, new String[] {commerce, COMMERCE})) {
      recordActivities(department[0], department[1], "质量月活动");
      submitSummary(department[0], department[1], "活动总结");
      signOffAndReview(department[0], department[1], Map.of("reviewDecision", "accept"));
    }
    executeJobs();
    completeAs(
        DemoUsers.OFFICE_CLERK,
        task(issued.processInstanceId(), TASK_CONSOLIDATE_REPORT),
        Map.of("consolidatedSummary", "各部门均已完成，企业自愿谢绝。"));
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(issued.processInstanceId(), TASK_SIGN_OFF_CONSOLIDATION),
        Map.of("consolidationDecision", "approve"));
    executeJobs();
    assertThat(notices.find(issued.noticeId()).orElseThrow().state()).isEqualTo(NoticeState.CLOSED);
    for (String department : List.of(TRANSPORT, HEALTH, COMMERCE, ENTERPRISES)) {
      assertThat(recipientRows.storedObligation(issued.noticeId(), department).orElseThrow())
          .isEqualTo(
              WhatIsOwed.stored(
                  notices.find(issued.noticeId()).orElseThrow(),
                  recipientRows.recipient(issued.noticeId(), department).orElseThrow()))
          .satisfies(owed -> assertThat(owed.standing()).isEqualTo(Standing.CLOSED))
          .satisfies(owed -> assertThat(owed.owed()).isNull());
    }
    assertThat(
            oversight.rows(new OversightService.Filter(issued.noticeId(), null, null), SUPERVISOR))
        .isEmpty();
    // the reports still see each recipient as it ended
    assertThat(
            oversight.rowsOf(
                notices.find(issued.noticeId()).orElseThrow(),
                ClockUtil.getCurrentTime().toInstant()))
        .extracting(OversightRow::light)
        .containsOnly(Light.GREEN, Light.GREY);
  }

  /**
   * The recipient's stored obligation is the expected one, and every row of the notice stores what
   * the rule says of it; the board's SQL counts each light as the rows' Java lights do.
   */
  private void assertStored(
      IssuedNotice issued, String department, Owed owed, OffsetDateTime by, Standing standing) {
    WhatIsOwed stored = recipientRows.storedObligation(issued.noticeId(), department).orElseThrow();
    assertThat(stored.owed()).as(department + " owes").isEqualTo(owed);
    assertThat(stored.owedBy().toInstant()).as(department + " owes by").isEqualTo(by.toInstant());
    assertThat(stored.standing()).as(department + " stands").isEqualTo(standing);
    Notice notice = notices.find(issued.noticeId()).orElseThrow();
    for (NoticeRecipient recipient : recipientRows.recipients(issued.noticeId())) {
      assertThat(
              recipientRows
                  .storedObligation(issued.noticeId(), recipient.departmentId())
                  .orElseThrow())
          .as("stored for " + recipient.departmentId() + " at " + recipient.stage())
          .isEqualTo(WhatIsOwed.stored(notice, recipient));
    }
    assertBoardCountsAsRowsShow(issued);
  }

  private void assertBoardCountsAsRowsShow(IssuedNotice issued) {
    OversightService.Filter filter = new OversightService.Filter(issued.noticeId(), null, null);
    Map<Light, Integer> shown = new EnumMap<>(Light.class);
    for (Light light : Light.values()) {
      shown.put(light, 0);
    }
    oversight.rows(filter, SUPERVISOR).forEach(r -> shown.merge(r.light(), 1, Integer::sum));
    assertThat(oversight.page(filter, SUPERVISOR, 1, 100).lights()).isEqualTo(shown);
    for (Light light : Light.values()) {
      assertThat(
              oversight.rows(
                  new OversightService.Filter(issued.noticeId(), null, light), SUPERVISOR))
          .as("rows filtered " + light)
          .hasSize(shown.get(light))
          .allMatch(r -> r.light() == light);
    }
  }

  private Light light(IssuedNotice issued, String department) {
    assertBoardCountsAsRowsShow(issued);
    return oversight
        .rows(new OversightService.Filter(issued.noticeId(), department, null), SUPERVISOR)
        .get(0)
        .light();
  }

  private RecipientStage stage(IssuedNotice issued, String department) {
    return recipientRows.recipient(issued.noticeId(), department).orElseThrow().stage();
  }

  private void putCalendar(int year, List<String> holidays, List<String> workdays, String source) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    Map<String, Object> body =
        new java.util.HashMap<>(Map.of("holidays", holidays, "workdays", workdays));
    body.put("source", source);
    assertThat(
            http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
                .exchange(
                    "/api/calendar/" + year,
                    HttpMethod.PUT,
                    new HttpEntity<>(body, headers),
                    String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  private static void at(String time) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(time).toInstant()));
  }
}
