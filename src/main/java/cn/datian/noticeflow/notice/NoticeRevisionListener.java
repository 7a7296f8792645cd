package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.common.TaskInput.actor;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Task_ReviseNotice: the drafter's corrected draft goes back to sign-off, checked again. */
@Component("noticeRevisionListener")
public class NoticeRevisionListener implements ExecutionListener {

  private final NoticeService noticeService;

  public NoticeRevisionListener(NoticeService noticeService) {
    this.noticeService = noticeService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    try {
      execution.setVariables(
              noticeService.revise(
                  noticeService.requireByProcess(execution.getProcessInstanceId()).id(), execution.getVariables(), actor()));
    } catch (InvalidNoticeException e) {
      throw e.asFormValidation();
    }
  }
}
