package cn.datian.noticeflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.calendar.WorkingCalendar;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.mail.MailKind;
import cn.datian.noticeflow.mail.MailLog;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.notice.StepKind;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** 催办 with measure: once per department and notice per working day; never a 500. */
class UrgeLimitTest extends ProcessTestSupport {

  @Autowired NoticeRepository notices;
  @Autowired MailLog mailLog;
  @Autowired WorkingCalendar calendar;

  @Test
  void aSecondUrgeTheSameDay_is409WithTheTime_untilTheNextWorkingDay() {
    IssuedNotice notice = publishNotice("催办限次", List.of("transport"));

    assertThat(urge(notice, "transport", DemoUsers.OFFICE_CLERK).getStatusCode().value())
        .isEqualTo(202);
    OffsetDateTime first =
        notices.lastStep(notice.noticeId(), "transport", StepKind.URGED).orElseThrow().doneAt();

    ResponseEntity<JsonNode> again = urge(notice, "transport", DemoUsers.OFFICE_HEAD);
    assertThat(again.getStatusCode().value()).isEqualTo(409);
    String shown = first.atZoneSameInstant(ZONE).toLocalTime().toString().substring(0, 5);
    assertThat(again.getBody().get("detail").asText()).contains("已于", shown, "催办过");
    assertThat(OffsetDateTime.parse(again.getBody().get("lastUrgedAt").asText()).toInstant())
        .isEqualTo(first.toInstant());
    assertThat(urges(notice)).isEqualTo(1);
    assertThat(urgeMails(notice)).isEqualTo(1);

    // Tasklist's start form (and Camunda's REST start) refuse it too, with the same words
    ResponseEntity<JsonNode> fromTasklist =
        post(
            DemoUsers.OFFICE_CLERK,
            "/engine-rest/process-definition/key/urge-department/submit-form",
            "{\"variables\":{\"notice\":{\"value\":\""
                + notice.noticeId()
                + "\"},\"departmentId\":{\"value\":\"transport\"},"
                + "\"message\":{\"value\":\"再催\"}}}");
    ResponseEntity<JsonNode> fromRest =
        post(
            DemoUsers.OFFICE_CLERK,
            "/engine-rest/process-definition/key/urge-department/start",
            "{\"variables\":{\"notice\":{\"value\":\""
                + notice.noticeId()
                + "\"},\"departmentId\":{\"value\":\"transport\"},"
                + "\"message\":{\"value\":\"再催\"}}}");
    for (ResponseEntity<JsonNode> refused : List.of(fromTasklist, fromRest)) {
      assertThat(refused.getStatusCode().value())
          .as(String.valueOf(refused.getBody()))
          .isEqualTo(400);
      assertThat(refused.getBody().get("message").asText())
          .contains("已于", shown, "催办过")
          .doesNotContain("Exception");
    }
    assertThat(urges(notice)).isEqualTo(1);
    assertThat(urgeMails(notice)).isEqualTo(1);

    // the next working day, at 08:00, it may urge again
    LocalDate next = calendar.addWorkingDays(first.atZoneSameInstant(ZONE).toLocalDate(), 1);
    setClock(next.atTime(8, 0).atZone(ZONE).toOffsetDateTime());
    assertThat(urge(notice, "transport", DemoUsers.OFFICE_CLERK).getStatusCode().value())
        .isEqualTo(202);
    assertThat(urges(notice)).isEqualTo(2);
  }

  @Test
  void concurrentUrges_oneIsSent_theOthersAre409_neverA500() throws Exception {
    IssuedNotice notice = publishNotice("并发催办", List.of("transport", "health"));
    for (String department : List.of("transport", "health")) {
      int callers = department.equals("transport") ? 2 : 6;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        calls.add(
            () -> {
              start.await();
              return urge(notice, department, DemoUsers.OFFICE_CLERK).getStatusCode().value();
            });
      }
      List<Future<Integer>> futures = new ArrayList<>();
      for (Callable<Integer> call : calls) {
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : futures) {
        statuses.add(f.get());
      }
      pool.shutdown();

      assertThat(statuses).as(department).containsOnly(202, 409).containsOnlyOnce(202);
      assertThat(notices.steps(notice.noticeId()))
          .filteredOn(s -> s.step() == StepKind.URGED && s.departmentId().equals(department))
          .hasSize(1);
      assertThat(mailLog.findAll(notice.noticeId()))
          .filteredOn(m -> m.kind() == MailKind.URGE && m.departmentId().equals(department))
          .hasSize(1);
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  private static void setClock(OffsetDateTime at) {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(Date.from(at.toInstant()));
  }

  private long urges(IssuedNotice notice) {
    return notices.steps(notice.noticeId()).stream()
        .filter(s -> s.step() == StepKind.URGED)
        .count();
  }

  private long urgeMails(IssuedNotice notice) {
    return mailLog.findAll(notice.noticeId()).stream()
        .filter(m -> m.kind() == MailKind.URGE)
        .count();
  }

  private ResponseEntity<JsonNode> urge(IssuedNotice notice, String department, String user) {
    return post(
        user,
        "/api/notices/" + notice.noticeId() + "/departments/" + department + "/urge",
        "{\"message\":\"请于明日前签收\"}");
  }

  private ResponseEntity<JsonNode> post(String user, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, DemoUsers.PASSWORD)
        .postForEntity(path, new HttpEntity<>(json, headers), JsonNode.class);
  }
}
