package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.common.TaskInput.actor;

import cn.datian.noticeflow.common.TaskInput;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_ReviseNotice: the drafter's corrected draft goes back to sign-off, checked again. */
@Component("noticeRevisionListener")
public class NoticeRevisionListener implements TaskListener {

  private final NoticeService noticeService;

  public NoticeRevisionListener(NoticeService noticeService) {
    this.noticeService = noticeService;
  }

  @Override
  public void notify(DelegateTask task) {
    try {
      task.getExecution()
          .setVariables(
              noticeService.revise(
                  (String) task.getVariable("noticeId"), task.getVariables(), actor(task)));
    } catch (InvalidNoticeException e) {
      throw TaskInput.invalid(e.problems().get(0).field(), e.getMessage());
    }
  }
}
