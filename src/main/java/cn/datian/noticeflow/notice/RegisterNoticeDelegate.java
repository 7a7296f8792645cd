package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.process.ProcessVariables.DRAFTER;
import static cn.datian.noticeflow.process.ProcessVariables.NOTICE_ID;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RegisterNotice: records a notice started from Tasklist, or links one from the API. */
@Component("registerNoticeDelegate")
public class RegisterNoticeDelegate implements JavaDelegate {

  private final NoticeService noticeService;

  public RegisterNoticeDelegate(NoticeService noticeService) {
    this.noticeService = noticeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      Map<String, Object> variables =
          noticeService.register(
              NOTICE_ID.get(execution),
              execution.getProcessInstanceId(),
              execution.getVariables(),
              DRAFTER.get(execution));
      // the draft's fields were input: the record has them now, the process keeps only the id
      execution.removeVariables(NoticeService.DRAFT_FIELDS);
      execution.setVariables(variables);
      if (variables.containsKey("noticeId")) {
        execution.setProcessBusinessKey((String) variables.get("noticeId"));
      }
    } catch (InvalidNoticeException e) {
      // Rolls the start back; Tasklist shows the message on the start form.
      throw e.asFormValidation();
    }
  }
}
