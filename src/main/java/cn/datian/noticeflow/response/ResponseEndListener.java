package cn.datian.noticeflow.response;

import cn.datian.noticeflow.notice.ResponseFanOut;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The department-response process's end, however it ends (accepted, declined, unanswered): the
 * notice's lifecycle goes on if this was the last recipient (notice.ResponseFanOut). A response
 * cancelled by an operator (Cockpit) finished nothing and is not counted.
 */
@Component("responseEndListener")
public class ResponseEndListener implements ExecutionListener {

  private final ResponseRepository recipients;
  private final ResponseFanOut fanOut;

  public ResponseEndListener(ResponseRepository recipients, ResponseFanOut fanOut) {
    this.recipients = recipients;
    this.fanOut = fanOut;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    // the recipient bound to this instance, from the record (never from a variable)
    recipients
        .recipientOfProcess(execution.getProcessInstanceId())
        .ifPresent(recipient -> fanOut.responseEnded(recipient.noticeId()));
  }
}
