package cn.datian.noticeflow.tasklist;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Keeps the work with the people doing it, for every user task of every process, without a line in
 * the BPMN (a parse listener adds two built-in task listeners):
 *
 * <ul>
 *   <li>A new task goes to whoever did this same step last time in this process instance (a
 *       returned summary goes back to the clerk who recorded it), else to the user whose completion
 *       created it (the clerk who acknowledged records the activities) &mdash; but only to a
 *       candidate of the new task: a clerk never gets the head's sign-off. It lands in their 我的待办;
 *       they may unclaim it for a colleague.
 *   <li>A step done again says why in the task list (task variable {@value #TASK_NOTE}, a column of
 *       the filters): 退回 with by whom and from which step, or 第N次办理.
 * </ul>
 *
 * <p>"The user whose completion created it" is the authenticated user of the command (never a form
 * variable: a form cannot name someone else). A task created by the job executor (the first task of
 * each department, started in batches) has none and stays in 本部门待办. The completed step is handed
 * from the complete listener to the create listener as a transient variable: it lives for this one
 * command, so no node keeps state.
 */
@Component
public class NextStepAssignment extends AbstractProcessEnginePlugin {

  public static final String TASK_NOTE = "taskNote";
  static final String PREVIOUS_STEP = "noticeflowPreviousStep";

  private static final TaskListener REMEMBER_COMPLETED =
      (DelegateTask task) -> {
        if (task.getExecution() != null && task.getExecution().getProcessInstance() != null) {
          task.getExecution()
              .getProcessInstance()
              .setVariableLocal(
                  PREVIOUS_STEP,
                  Variables.stringValue(task.getTaskDefinitionKey() + "\t" + task.getName(), true));
        }
      };

  private static final TaskListener ASSIGN_AND_NOTE =
      (DelegateTask task) -> {
        CommandContext context = Context.getCommandContext();
        String actor = context == null ? null : context.getAuthenticatedUserId();
        if (actor == null || task.getProcessInstanceId() == null) {
          return;
        }
        // the actor may not read other users, memberships or history; the rule may
        context.runWithoutAuthorization(
            () -> {
              assignAndNote(task, actor);
              return null;
            });
      };

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration
        .getCustomPreBPMNParseListeners()
        .add(
            new AbstractBpmnParseListener() {
              @Override
              public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                var definition =
                    ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, ASSIGN_AND_NOTE);
                definition.addBuiltInTaskListener(
                    TaskListener.EVENTNAME_COMPLETE, REMEMBER_COMPLETED);
              }
            });
  }

  private static void assignAndNote(DelegateTask task, String actor) {
    var engine = task.getProcessEngineServices();
    List<HistoricTaskInstance> earlier =
        engine
            .getHistoryService()
            .createHistoricTaskInstanceQuery()
            .processInstanceId(task.getProcessInstanceId())
            .taskDefinitionKey(task.getTaskDefinitionKey())
            .finished()
            .orderByHistoricTaskInstanceEndTime()
            .desc()
            .list();

    if (task.getAssignee() == null) {
      Set<String> preferred = new LinkedHashSet<>();
      if (!earlier.isEmpty() && earlier.get(0).getAssignee() != null) {
        preferred.add(earlier.get(0).getAssignee());
      }
      preferred.add(actor);
      for (String user : preferred) {
        if (isCandidate(engine.getIdentityService(), task, user)) {
          task.setAssignee(user);
          break;
        }
      }
    }

    if (!earlier.isEmpty()) {
      task.setVariableLocal(TASK_NOTE, note(task, earlier, actor));
    }
  }

  /** 退回 if the step that led here is not the one that led here the first time. */
  private static String note(DelegateTask task, List<HistoricTaskInstance> earlier, String actor) {
    Object previous = task.getVariable(PREVIOUS_STEP);
    String[] step = previous == null ? new String[0] : previous.toString().split("\t", 2);
    HistoricTaskInstance first = earlier.get(earlier.size() - 1);
    List<HistoricTaskInstance> beforeFirst =
        task.getProcessEngineServices()
            .getHistoryService()
            .createHistoricTaskInstanceQuery()
            .processInstanceId(task.getProcessInstanceId())
            .finished()
            .finishedBefore(new java.util.Date(first.getStartTime().getTime() + 1))
            .orderByHistoricTaskInstanceEndTime()
            .desc()
            .listPage(0, 1);
    String usualPredecessor =
        beforeFirst.isEmpty() ? null : beforeFirst.get(0).getTaskDefinitionKey();
    if (step.length == 2 && !step[0].equals(usualPredecessor)) {
      return "退回：" + displayName(task, actor) + "（" + step[1] + "）";
    }
    return "第" + (earlier.size() + 1) + "次办理";
  }

  private static boolean isCandidate(IdentityService identity, DelegateTask task, String user) {
    Set<String> groups = new LinkedHashSet<>();
    for (IdentityLink link : task.getCandidates()) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (user.equals(link.getUserId())) {
        return true;
      }
      if (link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    return !groups.isEmpty()
        && identity
                .createGroupQuery()
                .groupMember(user)
                .groupIdIn(groups.toArray(String[]::new))
                .count()
            > 0;
  }

  private static String displayName(DelegateTask task, String userId) {
    User user =
        task.getProcessEngineServices()
            .getIdentityService()
            .createUserQuery()
            .userId(userId)
            .singleResult();
    if (user == null) {
      return userId;
    }
    String name =
        ((user.getFirstName() == null ? "" : user.getFirstName())
                + (user.getLastName() == null ? "" : user.getLastName()))
            .strip();
    return name.isEmpty() ? userId : name;
  }
}
