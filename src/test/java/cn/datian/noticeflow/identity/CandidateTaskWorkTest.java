package cn.datian.noticeflow.identity;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The short cut of {@link CandidateTaskWork} grants nothing Camunda's own authorizations would
 * refuse: whoever it lets claim or complete a task holds TASK_WORK on it in the authorization table
 * too — before and after the task is claimed.
 */
class CandidateTaskWorkTest extends ProcessTestSupport {

  @Autowired AuthorizationService authorizationService;
  @Autowired ProcessEngineConfigurationImpl configuration;

  private static final List<String> USERS =
      List.of(
          DemoUsers.clerkOf("transport"),
          DemoUsers.headOf("transport"),
          DemoUsers.clerkOf("health"),
          DemoUsers.OFFICE_CLERK,
          DemoUsers.OFFICE_HEAD,
          DemoUsers.SUPERVISOR,
          DemoUsers.LEADER);

  @Test
  void whomItLetsWork_camundaLetsWorkToo_andItLetsTheCandidatesWork() {
    IssuedNotice notice = publishNotice("候选人办理授权", List.of("transport", "health"));
    Task acknowledge =
        task(responseOf(notice.processInstanceId(), "transport").getId(), TASK_ACKNOWLEDGE_NOTICE);

    assertThat(shortCut(DemoUsers.clerkOf("transport"), acknowledge)).isTrue();
    assertThat(shortCut(DemoUsers.clerkOf("health"), acknowledge)).isFalse();
    assertEveryShortCutIsGrantedByCamunda(acknowledge);

    as(
        DemoUsers.clerkOf("transport"),
        () -> taskService.claim(acknowledge.getId(), DemoUsers.clerkOf("transport")));
    assertEveryShortCutIsGrantedByCamunda(acknowledge);
  }

  private void assertEveryShortCutIsGrantedByCamunda(Task task) {
    for (String user : USERS) {
      if (shortCut(user, task)) {
        assertThat(
                authorizationService.isUserAuthorized(
                    user, groupsOf(user), Permissions.TASK_WORK, Resources.TASK, task.getId()))
            .as(user + " on " + task.getTaskDefinitionKey())
            .isTrue();
      }
    }
  }

  private boolean shortCut(String user, Task task) {
    identityService.setAuthentication(user, groupsOf(user));
    try {
      return configuration
          .getCommandExecutorTxRequired()
          .execute(
              context ->
                  CandidateTaskWork.isAssigneeOrCandidate(
                      context.getTaskManager().findTaskById(task.getId())));
    } finally {
      identityService.clearAuthentication();
    }
  }

  private List<String> groupsOf(String user) {
    return identityService.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId)
        .toList();
  }
}
