package cn.datian.noticeflow.identity;

import java.util.List;
import java.util.Map;
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
 * The Tasklist filters every user starts with. Their queries resolve per user
 * ({@code currentUser()}, {@code currentUserGroups()}), so one shared filter shows each
 * department only its own work.
 */
@Component
public class TasklistFilters {

  public static final String MY_TASKS = "我的待办";
  public static final String DEPARTMENT_TASKS = "本部门待办";

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizationService;

  public TasklistFilters(
      FilterService filterService,
      TaskService taskService,
      AuthorizationService authorizationService) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizationService = authorizationService;
  }

  public void apply() {
    ensure(
        MY_TASKS,
        -10,
        "分配给我的任务",
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    ensure(
        DEPARTMENT_TASKS,
        -5,
        "本部门尚未认领的任务",
        taskService
            .createTaskQuery()
            .taskCandidateGroupInExpression("${currentUserGroups()}")
            .taskUnassigned());
  }

  private void ensure(String name, int priority, String description, TaskQuery query) {
    boolean exists =
        filterService.createFilterQuery().filterName(name).list().stream()
            .anyMatch(f -> f.getOwner() == null);
    if (exists) {
      return;
    }
    Filter filter = filterService.newTaskFilter(name);
    filter.setProperties(
        Map.of(
            "priority", priority,
            "description", description,
            "refresh", true,
            "variables",
                List.of(
                    Map.of("name", "noticeTitle", "label", "通知"),
                    Map.of("name", "departmentName", "label", "部门"))));
    filter.setQuery(query);
    filterService.saveFilter(filter);

    Authorization read = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    read.setUserId(Authorization.ANY);
    read.setResource(Resources.FILTER);
    read.setResourceId(filter.getId());
    read.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(read);
  }
}
