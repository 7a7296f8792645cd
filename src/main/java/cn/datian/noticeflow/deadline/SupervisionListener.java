package cn.datian.noticeflow.deadline;

import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.requiredText;
import static cn.datian.noticeflow.process.ProcessVariables.DEPARTMENT_ID;
import static cn.datian.noticeflow.process.ProcessVariables.NOTICE_ID;

import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.notice.StepKind;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Task_SuperviseDepartment (督办): records what the office did about an overdue department. */
@Component("supervisionListener")
public class SupervisionListener implements ExecutionListener {

  private final NoticeRepository notices;

  public SupervisionListener(NoticeRepository notices) {
    this.notices = notices;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    notices.recordStep(
        new NoticeStep(
            NOTICE_ID.get(execution),
            DEPARTMENT_ID.get(execution),
            StepKind.SUPERVISED,
            actor(),
            requiredText(execution, "supervisionNote", "督办情况", 2000),
            EngineTime.nowUtc()));
  }
}
