package cn.datian.noticeflow.calendar;

import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.deadline.DeadlineProperties;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.operations.CalendarHealthIndicator;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The holiday calendar in the application: the office enters 2027, and reminders and due-soon dates
 * already planned on the old calendar move at once; another node sees the change on its next read;
 * only the office may change it; a missing next year shows from 1 November.
 */
class HolidayCalendarTest extends ProcessTestSupport {

  private static final String TRANSPORT = "transport";
  // test data in the shape of a State Council notice: 元旦 1-3 January 2027, a Friday to Sunday
  private static final Map<String, Object> YEAR_2027 =
      Map.of(
          "holidays",
              List.of(
                  "2027-01-01",
                  "2027-01-02",
                  "2027-01-03",
                  "2027-02-06",
                  "2027-02-07",
                  "2027-02-08",
                  "2027-02-09",
                  "2027-02-10",
                  "2027-02-11",
                  "2027-02-12"),
          "workdays", List.of("2027-02-20"),
          "source", "测试数据");

  @Autowired CalendarCoverage coverage;
  @Autowired CalendarHealthIndicator health;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired DeadlineProperties deadlineProperties;
  private final ObjectMapper json = new ObjectMapper();

  /** Another test class's wrong password may have left the office clerk's login delayed. */
  @org.junit.jupiter.api.BeforeEach
  void officeClerkCanLogIn() {
    identityService.unlockUser(DemoUsers.OFFICE_CLERK);
  }

  @Test
  void entering2027_movesThePlannedReminderAndTheDueSoonDate_atOnce() throws Exception {
    at("2026-12-21T09:00:00+08:00");
    // another node's calendar on the same database, read before the change
    WorkingCalendar otherNode =
        new WorkingCalendar(
            new DefaultResourceLoader(),
            deadlineProperties.calendar(),
            new CalendarStore(jdbc, transactionManager));
    boolean entered = otherNode.covers(2027);
    if (entered) {
      // another test of this class entered it already: start from a calendar without 1 January off
      put(2027, Map.of("holidays", List.of(), "workdays", List.of()), DemoUsers.OFFICE_CLERK);
    }
    assertThat(otherNode.isWorkingDay(LocalDate.of(2027, 1, 1)))
        .as("a Friday, not yet a holiday")
        .isTrue();

    IssuedNotice notice =
        issueNotice("节假日调整（2027元旦）", List.of(TRANSPORT), "2026-12-23", "2027-01-05");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    String response = responseOf(notice.processInstanceId(), TRANSPORT).getId();
    acknowledge(response, TRANSPORT);
    executeJobs();

    // due Tue 5 Jan 2027: 3 working days before, counting weekends only, is Thu 31 Dec
    assertThat(nextChase(response)).isEqualTo("2026-12-31T09:00+08:00");
    Task record = task(response, TASK_RECORD_ACTIVITIES);
    assertThat(shown(record.getFollowUpDate())).isEqualTo("2026-12-31T00:00+08:00");

    ResponseEntity<String> saved = put(2027, YEAR_2027, DemoUsers.OFFICE_CLERK);
    assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(saved.getBody()).get("updatedBy").asText())
        .isEqualTo(DemoUsers.OFFICE_CLERK);

    // 1 January is off now: the reminder and the due-soon date move a working day earlier
    assertThat(nextChase(response)).isEqualTo("2026-12-30T09:00+08:00");
    assertThat(shown(task(response, TASK_RECORD_ACTIVITIES).getFollowUpDate()))
        .isEqualTo("2026-12-30T00:00+08:00");
    // the other node counts the new days on its next read, without a restart
    assertThat(otherNode.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
    assertThat(otherNode.isWorkingDay(LocalDate.of(2027, 2, 20))).as("调休, a Saturday").isTrue();
    assertThat(otherNode.covers(2027)).isTrue();

    // GET answers what was entered; the page shows who changed what
    JsonNode year =
        json.readTree(get("/api/calendar/2027", DemoUsers.clerkOf(TRANSPORT)).getBody());
    assertThat(year.get("holidays")).hasSize(10);
    assertThat(year.get("holidays").get(0).asText()).isEqualTo("2027-01-01");
    assertThat(year.get("workdays").get(0).asText()).isEqualTo("2027-02-20");
    String page = get("/directory/holidays", DemoUsers.OFFICE_CLERK).getBody();
    assertThat(page).contains("节假日安排", "2027年节假日", "节假日10天，调休上班日1天", "测试数据");
  }

  @Test
  void aBadYear_isRefusedWhole_withEachBadDayNamed() throws Exception {
    long before = jdbc.queryForObject("select count(*) from calendar_day", Long.class);
    ResponseEntity<String> refused =
        put(
            2029,
            Map.of(
                "holidays",
                List.of("2029-01-01", "2030-01-01"),
                "workdays",
                List.of("2029-01-03", "2029-01-01")),
            DemoUsers.OFFICE_CLERK);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(refused.getBody()).get("detail").asText())
        .contains("节假日 2030-01-01 不在2029年", "2029-01-01 不能既是节假日又是调休上班日", "调休上班日 2029-01-03 是工作日");
    assertThat(jdbc.queryForObject("select count(*) from calendar_day", Long.class))
        .isEqualTo(before);
    assertThat(get("/api/calendar/2029", DemoUsers.OFFICE_CLERK).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            put(2029, Map.of("holidays", List.of("not-a-date")), DemoUsers.OFFICE_CLERK)
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void onlyTheOfficeAndAdministrators_changeTheCalendar() {
    for (String user :
        List.of(
            DemoUsers.clerkOf(TRANSPORT),
            DemoUsers.headOf(TRANSPORT),
            DemoUsers.LEADER,
            DemoUsers.SUPERVISOR)) {
      assertThat(put(2030, Map.of("holidays", List.of("2030-01-01")), user).getStatusCode())
          .as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(get("/directory/holidays", user).getStatusCode())
          .as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(get("/api/calendar/2030", DemoUsers.OFFICE_CLERK).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            put(2030, Map.of("holidays", List.of("2030-01-01")), DemoUsers.ADMIN).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/directory/holidays", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void fromFirstNovember_aMissingNextYear_showsOnTheBoardAndInHealth() {
    put(2027, YEAR_2027, DemoUsers.OFFICE_CLERK);
    at("2027-10-31T12:00:00+08:00");
    assertThat(coverage.missingYear()).isEmpty();
    assertThat(health.health().getStatus().getCode()).isEqualTo("UP");

    at("2027-11-01T08:00:00+08:00");
    assertThat(coverage.missingYear()).contains(2028);
    assertThat(health.health().getStatus().getCode()).isEqualTo("DEGRADED");
    assertThat(get("/oversight", DemoUsers.OFFICE_CLERK).getBody())
        .contains("尚未录入2028年节假日安排", "/directory/holidays");
    assertThat(get("/oversight", DemoUsers.SUPERVISOR).getBody()).contains("尚未录入2028年节假日安排");
    assertThat(get("/oversight", DemoUsers.clerkOf(TRANSPORT)).getBody()).doesNotContain("尚未录入");

    put(2028, Map.of("holidays", List.of("2028-01-01")), DemoUsers.OFFICE_CLERK);
    assertThat(coverage.missingYear()).isEmpty();
    assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
    assertThat(get("/oversight", DemoUsers.OFFICE_CLERK).getBody()).doesNotContain("尚未录入");
  }

  private ResponseEntity<String> put(int year, Map<String, Object> body, String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, DemoUsers.PASSWORD)
        .exchange(
            "/api/calendar/" + year, HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
  }

  private ResponseEntity<String> get(String path, String user) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD).getForEntity(path, String.class);
  }

  private static void at(String time) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(time).toInstant()));
  }

  private String nextChase(String response) {
    Job job =
        managementService.createJobQuery().processInstanceId(response).timers().singleResult();
    assertThat(job).as("a chase timer").isNotNull();
    return shown(job.getDuedate());
  }

  private static String shown(Date date) {
    return date.toInstant().atOffset(ZoneOffset.ofHours(8)).toString();
  }
}
