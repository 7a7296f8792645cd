package cn.datian.noticeflow.response;

import java.time.ZoneOffset;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * EndEvent_NoAnswer (未回复): a voluntary recipient's answer deadline passed in silence. Records the
 * stage and the step; the end event then terminates the response like the other ends.
 */
@Component("noAnswerListener")
public class NoAnswerListener implements ExecutionListener {

  private final ResponseRecord responseRecord;
  private final DepartmentResponseService responses;

  public NoAnswerListener(ResponseRecord responseRecord, DepartmentResponseService responses) {
    this.responseRecord = responseRecord;
    this.responses = responses;
  }

  @Override
  public void notify(DelegateExecution execution) {
    ResponseRecord.Ref response = responseRecord.of(execution);
    responses.noAnswer(
        response.noticeId(),
        response.departmentId(),
        responseRecord.answerBy(execution).toInstant().atOffset(ZoneOffset.UTC));
  }
}
