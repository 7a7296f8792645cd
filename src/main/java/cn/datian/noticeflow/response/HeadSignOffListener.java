package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.common.TaskInput.actor;

import cn.datian.noticeflow.common.DecisionListener;
import cn.datian.noticeflow.identity.Deciders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Task_SignOffSummary: the department head signs off the summary, or returns it. */
@Component("headSignOffListener")
public class HeadSignOffListener extends DecisionListener {

  static final String DECISION = "headDecision";
  static final String COMMENT = "headComment";

  private final Deciders deciders;
  private final ResponseRecord responseRecord;
  private final DepartmentResponseService responses;
  private final ChaseSignal chaseSignal;

  public HeadSignOffListener(
      DepartmentResponseService responses,
      ChaseSignal chaseSignal,
      ResponseRecord responseRecord,
      Deciders deciders) {
    super(
        new Form(DECISION, "approve", COMMENT, "意见", "退回时请说明理由 (a return needs a reason)", false));
    this.deciders = deciders;
    this.responseRecord = responseRecord;
    this.responses = responses;
    this.chaseSignal = chaseSignal;
  }

  @Override
  protected void requireDecider(DelegateExecution execution) {
    deciders.require(actor(), responseRecord.headsGroup(execution), "本部门负责人");
  }

  @Override
  protected void record(
      DelegateExecution execution, boolean approved, String comment, String user) {
    ResponseRecord.Ref response = responseRecord.of(execution);
    responses.headSignOff(response.noticeId(), response.departmentId(), approved, comment, user);
    if (!approved) {
      // owed again: the deadline watch resumes reminding
      chaseSignal.responseChangedAfterCommit(execution.getProcessInstanceId());
    }
  }
}
