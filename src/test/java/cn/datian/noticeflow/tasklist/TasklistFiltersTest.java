package cn.datian.noticeflow.tasklist;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each role's Tasklist filters on a known notice (acknowledge by Wed 15 Sep 2021, deliver by Thu 30
 * Sep 2021; 20–21 Sep is the Mid-Autumn holiday, Sun 26 Sep a make-up working day).
 */
class TasklistFiltersTest extends ProcessTestSupport {

  @Autowired FilterService filterService;

  @Test
  void eachRoleSeesItsOwnFilters() {
    assertThat(visibleFilters(DemoUsers.clerkOf("transport")))
        .containsExactly("我的待办", "本部门待办", "即将到期", "已逾期");
    assertThat(visibleFilters(DemoUsers.OFFICE_CLERK))
        .containsExactly("我的待办", "本部门待办", "即将到期", "已逾期", "各部门已逾期");
    assertThat(visibleFilters(DemoUsers.SUPERVISOR)).containsExactly("我的待办", "各部门已逾期");
    assertThat(visibleFilters(DemoUsers.LEADER)).containsExactly("我的待办", "各部门已逾期");
  }

  @Test
  void dueSoonAndOverdue_countWorkingDays_andStayWithinTheDepartment() {
    at("2021-09-13T09:00:00+08:00");
    IssuedNotice notice =
        issueNotice("筛选器检验", List.of("transport", "health"), "2021-09-15", "2021-09-30");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    String transport = responseOf(notice.processInstanceId(), "transport").getId();
    String health = responseOf(notice.processInstanceId(), "health").getId();

    // each department reads its tasks' notice and department columns, as Tasklist shows them
    Task ack = task(transport, TASK_ACKNOWLEDGE_NOTICE);
    assertThat(as(DemoUsers.clerkOf("transport"), () -> taskService.getVariablesLocal(ack.getId())))
        .containsEntry("noticeTitle", "筛选器检验")
        .containsEntry("departmentName", "县交通局");
    assertThat(columnsInTasklist("本部门待办", DemoUsers.clerkOf("transport"), ack.getId()))
        .containsEntry("noticeTitle", "筛选器检验")
        .containsEntry("departmentName", "县交通局");

    // Mon 13 Sep: both acknowledgements are due in two working days
    assertThat(tasksIn("即将到期", DemoUsers.clerkOf("transport")))
        .contains(transport)
        .doesNotContain(health);
    assertThat(tasksIn("本部门待办", DemoUsers.clerkOf("health")))
        .contains(health)
        .doesNotContain(transport);

    acknowledge(transport, "transport");

    // Thu 16 Sep: health missed its acknowledgement; transport's report is far off
    at("2021-09-16T10:00:00+08:00");
    assertThat(tasksIn("已逾期", DemoUsers.clerkOf("health"))).contains(health);
    assertThat(tasksIn("已逾期", DemoUsers.clerkOf("transport"))).doesNotContain(health, transport);
    assertThat(tasksIn("即将到期", DemoUsers.clerkOf("transport"))).doesNotContain(transport);
    assertThat(tasksIn("各部门已逾期", DemoUsers.SUPERVISOR)).contains(health).doesNotContain(transport);
    assertThat(tasksIn("各部门已逾期", DemoUsers.LEADER)).contains(health);
    assertThat(
            columnsInTasklist(
                "各部门已逾期", DemoUsers.SUPERVISOR, task(health, TASK_ACKNOWLEDGE_NOTICE).getId()))
        .containsEntry("departmentName", "县卫健局");

    // Fri 24 Sep: five working days left (the make-up Sunday 26th, then 27–30 Sep): not yet
    at("2021-09-24T10:00:00+08:00");
    assertThat(tasksIn("即将到期", DemoUsers.clerkOf("transport"))).doesNotContain(transport);

    // Tue 28 Sep: the report is due in three working days or fewer, for the clerk who claimed it
    // too
    at("2021-09-28T10:00:00+08:00");
    Task record = task(transport, TASK_RECORD_ACTIVITIES);
    as(
        DemoUsers.clerkOf("transport"),
        () -> taskService.claim(record.getId(), DemoUsers.clerkOf("transport")));
    assertThat(tasksIn("即将到期", DemoUsers.clerkOf("transport"))).contains(transport);
    assertThat(tasksIn("我的待办", DemoUsers.clerkOf("transport"))).contains(transport);
    assertThat(tasksIn("本部门待办", DemoUsers.clerkOf("transport"))).doesNotContain(transport);

    // Fri 1 Oct, National Day: overdue
    at("2021-10-01T10:00:00+08:00");
    assertThat(tasksIn("已逾期", DemoUsers.clerkOf("transport"))).contains(transport);
    assertThat(tasksIn("即将到期", DemoUsers.clerkOf("transport"))).doesNotContain(transport);
  }

  @Test
  void restartingRewritesTheFilters_withoutDuplicates() {
    long before = filterService.createFilterQuery().count();
    tasklistFilters.apply();
    assertThat(filterService.createFilterQuery().count()).isEqualTo(before);
    assertThat(visibleFilters(DemoUsers.SUPERVISOR)).doesNotContain("即将到期");
  }

  @Autowired TasklistFilters tasklistFilters;

  private List<String> visibleFilters(String user) {
    return as(
        user,
        () ->
            filterService.createFilterQuery().list().stream()
                .sorted((a, b) -> Integer.compare(priority(a), priority(b)))
                .map(Filter::getName)
                .toList());
  }

  private static int priority(Filter f) {
    return ((Number) f.getProperties().get("priority")).intValue();
  }

  /** The process instances of the tasks the filter lists for this user. */
  private Set<String> tasksIn(String filterName, String user) {
    return as(
        user,
        () -> {
          Filter filter = filterService.createFilterQuery().filterName(filterName).singleResult();
          List<Task> tasks = filterService.list(filter.getId());
          return tasks.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        });
  }

  /** The variables Tasklist's list request embeds for one task: what the columns show. */
  private Map<String, String> columnsInTasklist(String filterName, String user, String taskId) {
    String filterId =
        as(
            user,
            () -> filterService.createFilterQuery().filterName(filterName).singleResult().getId());
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    headers.setAccept(
        List.of(org.springframework.http.MediaType.parseMediaType("application/hal+json")));
    com.fasterxml.jackson.databind.JsonNode page =
        http.withBasicAuth(user, DemoUsers.PASSWORD)
            .postForObject(
                "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=50",
                new org.springframework.http.HttpEntity<>("{}", headers),
                com.fasterxml.jackson.databind.JsonNode.class);
    Map<String, String> columns = new java.util.HashMap<>();
    for (com.fasterxml.jackson.databind.JsonNode task : page.path("_embedded").path("task")) {
      if (taskId.equals(task.path("id").asText())) {
        task.path("_embedded")
            .path("variable")
            .forEach(v -> columns.put(v.get("name").asText(), v.get("value").asText()));
      }
    }
    return columns;
  }

  private static void at(String time) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(time).toInstant()));
  }
}
