package cn.datian.noticeflow.identity;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantCommandChecker;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Claiming or completing a task (TASK_WORK) needs no authorization query when the user is the
 * task's assignee or one of its candidates: Camunda itself grants exactly those users and groups
 * TASK_WORK on the task when it sets them ({@code default-user-permission-name-for-task:
 * TASK_WORK}), and there are no REVOKE authorizations (OperationsTest). Anyone else is checked by
 * Camunda as before, so this grants nothing Camunda would refuse.
 *
 * <p>Why: the check is one dynamic authorization query per claim and per completion, the largest
 * single part of what a step costs beyond a plain engine (docs/benchmarks.md, section 1); the
 * task's identity links it reads instead are loaded by the completion anyway.
 */
@Component
public class CandidateTaskWork extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<org.camunda.bpm.engine.impl.cfg.CommandChecker> checkers = new ArrayList<>();
    checkers.add(new TenantCommandChecker());
    checkers.add(new Checker());
    configuration.setCommandCheckers(checkers);
  }

  static final class Checker extends AuthorizationCommandChecker {
    @Override
    public void checkTaskWork(TaskEntity task) {
      if (task.getExecutionId() != null && isAssigneeOrCandidate(task)) {
        return;
      }
      super.checkTaskWork(task);
    }
  }

  static boolean isAssigneeOrCandidate(TaskEntity task) {
    CommandContext context = Context.getCommandContext();
    Authentication user = context == null ? null : context.getAuthentication();
    if (user == null || user.getUserId() == null) {
      return false;
    }
    if (user.getUserId().equals(task.getAssignee())) {
      return true;
    }
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    for (IdentityLinkEntity link : task.getIdentityLinks()) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (user.getUserId().equals(link.getUserId())
          || (link.getGroupId() != null && groups.contains(link.getGroupId()))) {
        return true;
      }
    }
    return false;
  }
}
