package cn.datian.noticeflow.response;

import java.util.Date;

/**
 * When a recipient's deadline watch should look again, as {@link ChaseSignal} asks before it moves
 * the watch. The deadline watch plans (deadline.DeadlineChaseService implements this): it sits
 * above response/, so response/ asks through this interface instead of importing it.
 */
public interface ChasePlan {

  /** The watch's next look; null when nothing is owed (it then waits for a change). */
  Date nextChaseAt(String noticeId, String departmentId);
}
