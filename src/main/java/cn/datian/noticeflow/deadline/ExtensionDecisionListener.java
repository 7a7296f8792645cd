package cn.datian.noticeflow.deadline;

import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.choice;
import static cn.datian.noticeflow.common.TaskInput.invalid;
import static cn.datian.noticeflow.common.TaskInput.optionalText;
import static cn.datian.noticeflow.process.ProcessVariables.EXTENSION_REASON;
import static cn.datian.noticeflow.process.ProcessVariables.EXTENSION_REQUESTED_BY;
import static cn.datian.noticeflow.process.ProcessVariables.REQUESTED_DEADLINE;

import cn.datian.noticeflow.common.AsSystem;
import cn.datian.noticeflow.identity.Deciders;
import cn.datian.noticeflow.identity.Groups;
import cn.datian.noticeflow.response.ResponseRecord;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Task_DecideExtension: the office head approves or rejects a department's extension request. */
@Component("extensionDecisionListener")
public class ExtensionDecisionListener implements ExecutionListener {

  private final Deciders deciders;
  private final ResponseRecord responseRecord;
  private final ExtensionService extensions;
  private final IdentityService identityService;

  public ExtensionDecisionListener(
      ExtensionService extensions,
      IdentityService identityService,
      ResponseRecord responseRecord,
      Deciders deciders) {
    this.deciders = deciders;
    this.responseRecord = responseRecord;
    this.extensions = extensions;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    deciders.require(actor(), Groups.OFFICE_HEAD, "领导小组办公室负责人");
    boolean approved =
        choice(execution, "extensionDecision", Set.of("approve", "reject")).equals("approve");
    String comment = optionalText(execution, "extensionComment", "意见", 2000);
    if (!approved && comment == null) {
      throw invalid("extensionComment", "不同意时请说明理由 (a rejection needs a reason)");
    }
    String user = actor();
    ResponseRecord.Ref response = responseRecord.of(execution);
    AsSystem.run(
        identityService,
        () ->
            extensions.decide(
                response.noticeId(),
                response.departmentId(),
                execution.getProcessInstanceId(),
                approved,
                REQUESTED_DEADLINE.get(execution),
                EXTENSION_REASON.get(execution),
                EXTENSION_REQUESTED_BY.get(execution),
                comment,
                user));
  }
}
