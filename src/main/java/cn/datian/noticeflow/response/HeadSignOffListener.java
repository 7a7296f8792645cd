package cn.datian.noticeflow.response;

import cn.datian.noticeflow.identity.Deciders;
import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.choice;
import static cn.datian.noticeflow.common.TaskInput.invalid;
import static cn.datian.noticeflow.common.TaskInput.optionalText;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_SignOffSummary: the department head signs off the summary, or returns it. */
@Component("headSignOffListener")
public class HeadSignOffListener implements TaskListener, ExecutionListener {

  static final String DECISION = "headDecision";
  static final String COMMENT = "headComment";

  private final Deciders deciders;
  private final ResponseRecord responseRecord;
  private final DepartmentResponseService responses;
  private final ChaseSignal chaseSignal;

  public HeadSignOffListener(DepartmentResponseService responses, ChaseSignal chaseSignal, ResponseRecord responseRecord, Deciders deciders) {
    this.deciders = deciders;
    this.responseRecord = responseRecord;
    this.responses = responses;
    this.chaseSignal = chaseSignal;
  }

  /** On create: the previous round's decision must not pre-fill this one. */
  @Override
  public void notify(DelegateTask task) {
    task.removeVariables(Set.of(DECISION, COMMENT));
  }

  /** On the task's end: check and record the decision. */
  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    deciders.require(actor(), responseRecord.headsGroup(execution), "本部门负责人");
    boolean approved = choice(execution, DECISION, Set.of("approve", "return")).equals("approve");
    String comment = optionalText(execution, COMMENT, "意见", 2000);
    if (!approved && comment == null) {
      throw invalid(COMMENT, "退回时请说明理由 (a return needs a reason)");
    }
    ResponseRecord.Ref response = responseRecord.of(execution);
    responses.headSignOff(
        response.noticeId(),
        response.departmentId(),
        approved,
        comment,
        actor());
    if (!approved) {
      // owed again: the deadline watch resumes reminding
      chaseSignal.responseChangedAfterCommit(execution.getProcessInstanceId());
    }
  }
}
