package cn.datian.noticeflow.response;

import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.process.ProcessKeys;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Where one department's response to a notice is: its recipient row and its running {@value
 * ProcessKeys#DEPARTMENT_RESPONSE} instance. The one place that knows how an instance is found
 * (business key = the notice, variable {@code departmentId} = the department).
 */
@Component
public class DepartmentResponses {

  private final ResponseRepository recipients;
  private final NoticeService noticeService;
  private final RuntimeService runtimeService;

  public DepartmentResponses(
      ResponseRepository recipients, NoticeService noticeService, RuntimeService runtimeService) {
    this.recipients = recipients;
    this.noticeService = noticeService;
    this.runtimeService = runtimeService;
  }

  /** The recipient row of a department on a notice; 404-worthy when either is unknown. */
  public NoticeRecipient requireRecipient(String noticeId, String departmentId) {
    noticeService.require(noticeId);
    return recipients
        .recipient(noticeId, departmentId)
        .orElseThrow(
            () -> new NoSuchRecipientException(departmentId + " 不是该通知的接收单位 (not a recipient)"));
  }

  /** The running department-response instance carrying this department's work on the notice. */
  public Optional<String> openInstanceOf(String noticeId, String departmentId) {
    ProcessInstance instance =
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey(ProcessKeys.DEPARTMENT_RESPONSE)
            .processInstanceBusinessKey(noticeId)
            .variableValueEquals("departmentId", departmentId)
            .singleResult();
    return Optional.ofNullable(instance).map(ProcessInstance::getId);
  }
}
