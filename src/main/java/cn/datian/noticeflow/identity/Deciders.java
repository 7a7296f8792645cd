package cn.datian.noticeflow.identity;

import cn.datian.noticeflow.common.AsSystem;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Who may decide, checked when the decision is made. A task's candidate groups say who is offered
 * the task; they are not proof of who may sign: whoever completes a sign-off or a review must be a
 * member of the deciding group in the identity service at that moment.
 */
@Component
public class Deciders {

  private final IdentityService identityService;

  public Deciders(IdentityService identityService) {
    this.identityService = identityService;
  }

  /**
   * Refuses the decision (403, the completion rolls back) unless the user is in the group. Without
   * a user, code decides on its own authority (start-up, tests driving the engine).
   */
  public void require(String userId, String groupId, String who) {
    if (userId == null) {
      return;
    }
    boolean member =
        AsSystem.call(
            identityService,
            () ->
                identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count()
                    > 0);
    if (!member) {
      throw new AuthorizationException(
          "只有" + who + "可以作此决定 (" + userId + " is not in " + groupId + ")");
    }
  }
}
