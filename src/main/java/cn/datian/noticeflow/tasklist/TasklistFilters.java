package cn.datian.noticeflow.tasklist;

import cn.datian.noticeflow.identity.Grants;
import cn.datian.noticeflow.identity.Groups;
import cn.datian.noticeflow.process.ProcessKeys;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters of each role, brought up to date on every start. Their queries resolve per
 * user ({@code currentUser()}, {@code currentUserGroups()}), so one shared filter shows each
 * department only its own work; who sees a filter at all is a READ grant per group.
 *
 * <p>即将到期 compares the tasks' follow-up dates, which the process sets to the start of the day
 * {@value cn.datian.noticeflow.deadline.DeadlineSchedule#DUE_SOON_WORKING_DAYS} working days before
 * the due date: a stored filter can compare dates but cannot count working days.
 */
@Component
public class TasklistFilters {

  public static final String MY_TASKS = "我的待办";
  public static final String DEPARTMENT_TASKS = "本部门待办";
  public static final String DUE_SOON = "即将到期";
  public static final String OVERDUE = "已逾期";
  public static final String ALL_OVERDUE = "各部门已逾期";

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizationService;
  private final Grants grants;

  public TasklistFilters(
      FilterService filterService,
      TaskService taskService,
      AuthorizationService authorizationService,
      Grants grants) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizationService = authorizationService;
    this.grants = grants;
  }

  /** One filter: its name, its place in the list, its query and the groups that see it. */
  record FilterSpec(
      String name,
      int priority,
      String description,
      Supplier<TaskQuery> query,
      List<String> groups) {}

  List<FilterSpec> specs() {
    List<String> overseers =
        List.of(Groups.OFFICE, Groups.OFFICE_HEAD, Groups.LEADING_GROUP, Groups.SUPERVISORS);
    List<String> workers = List.of(Groups.DEPARTMENT_STAFF, Groups.OFFICE, Groups.OFFICE_HEAD);
    List<String> everyone = concat(workers, List.of(Groups.LEADING_GROUP, Groups.SUPERVISORS));
    return List.of(
        new FilterSpec(MY_TASKS, -10, "分配给我的任务", this::assignedToMe, everyone),
        // only users who belong to a department (or the office) have one: the leading group and
        // supervisors would get an always-empty filter
        new FilterSpec(DEPARTMENT_TASKS, -8, "本部门尚未认领的任务", this::myGroupsUnclaimed, workers),
        new FilterSpec(DUE_SOON, -6, "本部门三个工作日内到期的任务", this::myGroupsDueSoon, workers),
        new FilterSpec(OVERDUE, -4, "本部门已过截止时间的任务", this::myGroupsOverdue, workers),
        new FilterSpec(
            ALL_OVERDUE, -2, "各部门已过截止时间的任务（只读，督办用）", this::everyDepartmentOverdue, overseers));
  }

  private TaskQuery assignedToMe() {
    return taskService
        .createTaskQuery()
        .taskAssigneeExpression("${currentUser()}")
        .orderByDueDate()
        .asc();
  }

  private TaskQuery myGroupsUnclaimed() {
    return taskService
        .createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .taskUnassigned()
        .orderByDueDate()
        .asc();
  }

  private TaskQuery myGroupsDueSoon() {
    return taskService
        .createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks()
        .followUpBeforeExpression("${now()}")
        .dueAfterExpression("${now()}")
        .orderByDueDate()
        .asc();
  }

  private TaskQuery myGroupsOverdue() {
    return taskService
        .createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks()
        .dueBeforeExpression("${now()}")
        .orderByDueDate()
        .asc();
  }

  private TaskQuery everyDepartmentOverdue() {
    return taskService
        .createTaskQuery()
        .processDefinitionKey(ProcessKeys.DEPARTMENT_RESPONSE)
        .dueBeforeExpression("${now()}")
        .orderByDueDate()
        .asc();
  }

  public void apply() {
    for (FilterSpec spec : specs()) {
      Filter filter = ensure(spec);
      revokeFromEveryone(filter.getId()); // earlier versions showed every filter to every user
      revokeFromOtherGroups(filter.getId(), spec.groups()); // and 本部门待办 to the leading group
      for (String group : spec.groups()) {
        grants.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
      }
    }
  }

  /** Creates the filter, or rewrites the shared one of that name so changes here reach it. */
  private Filter ensure(FilterSpec spec) {
    Filter filter =
        filterService.createFilterQuery().filterName(spec.name()).list().stream()
            .filter(f -> f.getOwner() == null)
            .findFirst()
            .orElseGet(() -> filterService.newTaskFilter(spec.name()));
    filter.setProperties(
        Map.of(
            "priority", spec.priority(),
            "description", spec.description(),
            "refresh", true,
            "variables",
                List.of(
                    Map.of("name", TaskColumns.NOTICE_TITLE, "label", "通知"),
                    Map.of("name", TaskColumns.DEPARTMENT_NAME, "label", "部门"),
                    Map.of("name", NextStepAssignment.TASK_NOTE, "label", "办理情况"))));
    filter.setQuery(spec.query().get());
    return filterService.saveFilter(filter);
  }

  private void revokeFromEveryone(String filterId) {
    authorizationService
        .createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GLOBAL)
        .resourceType(Resources.FILTER)
        .resourceId(filterId)
        .list()
        .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
  }

  private void revokeFromOtherGroups(String filterId, List<String> groups) {
    authorizationService
        .createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .resourceType(Resources.FILTER)
        .resourceId(filterId)
        .list()
        .stream()
        .filter(a -> a.getGroupId() != null && !groups.contains(a.getGroupId()))
        .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
