package cn.datian.noticeflow.identity;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * What a user may do to a task through the engine API, beyond what Camunda's authorizations say.
 * Tasklist talks to the engine API directly, so whatever Tasklist can send, a hostile user can send
 * too: extra variables on completion, a claim in someone else's name, a new candidate group.
 * Checked inside the engine, for every entry point (Tasklist's API, /engine-rest, Java).
 *
 * <ul>
 *   <li><b>Completion</b> accepts only the variables the user task declares in its BPMN ({@code
 *       camunda:property name="acceptedVariables"}): those its form edits. Another variable is
 *       refused (400, naming it), unless it carries the value it already has — Tasklist sends back
 *       the read-only fields it shows.
 *   <li><b>Claim</b> only for oneself; <b>assignee</b> only to nobody or oneself, by a member of
 *       one of the task's candidate groups; the office may also hand a department's task to another
 *       member of that department.
 *   <li><b>Delegation, candidate changes and edits</b> (due and follow-up dates, name, priority):
 *       administrators only.
 * </ul>
 *
 * <p>Only the user's own command is checked, not the commands that code runs inside it, and code
 * that runs without a user (jobs, start-up) is not checked. Administrators are not checked.
 */
@Component
public class TaskCommandGuard extends AbstractProcessEnginePlugin {

  /** The extension property on a user task naming the variables its form may set. */
  public static final String ACCEPTED_VARIABLES = "acceptedVariables";

  private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);
  private final Map<String, Set<String>> acceptedByTaskDefinition = new ConcurrentHashMap<>();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors =
        configuration.getCustomPostCommandInterceptorsTxRequired();
    if (interceptors == null) {
      interceptors = new java.util.ArrayList<>();
      configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }
    interceptors.add(new Interceptor());
  }

  private final class Interceptor extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      int depth = DEPTH.get();
      DEPTH.set(depth + 1);
      try {
        if (depth == 0) {
          check(command);
        }
        return next.execute(command);
      } finally {
        if (depth == 0) {
          DEPTH.remove();
        } else {
          DEPTH.set(depth);
        }
      }
    }
  }

  private void check(Command<?> command) {
    CommandContext context = Context.getCommandContext();
    Authentication user = context == null ? null : context.getAuthentication();
    if (user == null
        || user.getUserId() == null
        || context.getAuthorizationManager().isCamundaAdmin(user)) {
      return;
    }
    if (command instanceof CompleteTaskCmd) {
      checkVariables(context, field(command, "taskId"), field(command, "variables"));
    } else if (command instanceof SubmitTaskFormCmd) {
      checkVariables(context, field(command, "taskId"), field(command, "properties"));
    } else if (command instanceof ClaimTaskCmd) {
      String claimant = field(command, "userId");
      if (claimant != null && !claimant.equals(user.getUserId())) {
        throw refused("只能由本人认领任务 (a task is claimed only by oneself)");
      }
    } else if (command instanceof AssignTaskCmd) {
      checkAssignment(context, user, field(command, "taskId"), field(command, "userId"));
    } else if (command instanceof SaveTaskCmd) {
      // Updating a task (Tasklist's due and follow-up dates, name, priority) needs only the
      // assign permission that unclaiming needs; dates come from the record, not from users.
      TaskEntity task = field(command, "task");
      if (task != null && task.getRevision() != 0) {
        throw refused("任务的期限和属性由系统确定，不能修改 (tasks are not edited by hand)");
      }
    } else if (command instanceof DelegateTaskCmd
        || command instanceof AbstractAddIdentityLinkCmd
        || command instanceof DeleteIdentityLinkCmd) {
      throw refused("任务的委托和候选人只能由系统管理员调整 (administrators only)");
    }
  }

  private void checkVariables(CommandContext context, String taskId, Map<String, ?> submitted) {
    if (submitted == null || submitted.isEmpty() || taskId == null) {
      return;
    }
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return; // the command itself answers "no such task"
    }
    Set<String> accepted = accepted(task);
    for (Map.Entry<String, ?> entry : submitted.entrySet()) {
      String name = entry.getKey();
      if (accepted.contains(name) || unchanged(task, name, entry.getValue())) {
        continue;
      }
      throw new FormFieldValidationException(
          name,
          "此任务不接受字段“" + name + "”，可填写：" + (accepted.isEmpty() ? "无" : String.join("、", accepted)));
    }
  }

  private static boolean unchanged(TaskEntity task, String name, Object submitted) {
    if (!task.hasVariable(name)) {
      return false;
    }
    Object value = submitted instanceof TypedValue typed ? typed.getValue() : submitted;
    Object current = task.getVariable(name);
    return Objects.equals(value, current)
        || (value != null && current != null && value.toString().equals(current.toString()));
  }

  /** The variables the task's BPMN element declares; none if it declares none. */
  Set<String> accepted(TaskEntity task) {
    String key = task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey();
    return acceptedByTaskDefinition.computeIfAbsent(key, k -> declared(task));
  }

  private static Set<String> declared(TaskEntity task) {
    if (task.getProcessDefinitionId() == null) {
      return Set.of();
    }
    FlowElement element = task.getBpmnModelElementInstance();
    if (element == null || element.getExtensionElements() == null) {
      return Set.of();
    }
    return element
        .getExtensionElements()
        .getElementsQuery()
        .filterByType(CamundaProperties.class)
        .list()
        .stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> ACCEPTED_VARIABLES.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .filter(
            java.util.Objects::nonNull) // value="": the task's form sets nothing (Task_DraftNotice)
        .flatMap(value -> Arrays.stream(value.split(",")))
        .map(String::strip)
        .filter(name -> !name.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static void checkAssignment(
      CommandContext context, Authentication user, String taskId, String newAssignee) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return;
    }
    Set<String> candidateGroups =
        task.getCandidates().stream()
            .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
            .map(IdentityLink::getGroupId)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    boolean office = groupsOf(user).contains(Groups.OFFICE);
    boolean candidate = candidateGroups.stream().anyMatch(groupsOf(user)::contains);
    if (!candidate && !office) {
      throw refused("只能调整本部门的任务 (not a task of your department)");
    }
    if (newAssignee == null || newAssignee.equals(user.getUserId())) {
      return;
    }
    var identity = context.getProcessEngineConfiguration().getIdentityService();
    // the office may not read users itself: asked on its behalf, without its authorizations
    boolean memberOfCandidates =
        context.runWithoutAuthorization(
            () ->
                candidateGroups.stream()
                    .anyMatch(
                        group ->
                            identity
                                    .createUserQuery()
                                    .userId(newAssignee)
                                    .memberOfGroup(group)
                                    .count()
                                > 0));
    if (!office || !memberOfCandidates) {
      throw refused("任务只能转给本部门的人员，由领导小组办公室调整 (the office reassigns within a department)");
    }
  }

  private static Collection<String> groupsOf(Authentication user) {
    return user.getGroupIds() == null ? List.of() : user.getGroupIds();
  }

  private static AuthorizationException refused(String message) {
    return new AuthorizationException(message);
  }

  /** Reads a command's field: Camunda's commands keep their arguments in protected fields. */
  @SuppressWarnings("unchecked")
  static <V> V field(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return (V) field.get(command);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(
        command.getClass().getName()
            + " has no field "
            + name
            + ": Camunda changed, review TaskCommandGuard");
  }
}
