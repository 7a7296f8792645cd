package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.common.TaskInput.actor;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Task_DraftNotice (起草通知), on its end: the draft saved through {@code PUT /api/notices/{id}/draft}
 * goes to sign-off if it holds as a notice; otherwise the completion is refused with what is
 * missing, and the draft stays as it was.
 */
@Component("noticeDraftListener")
public class NoticeDraftListener implements ExecutionListener {

  private final NoticeService noticeService;

  public NoticeDraftListener(NoticeService noticeService) {
    this.noticeService = noticeService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    try {
      execution.setVariables(
          noticeService.submitDraft(
              noticeService.requireByProcess(execution.getProcessInstanceId()).id(), actor()));
    } catch (InvalidNoticeException e) {
      throw e.asFormValidation();
    }
  }
}
