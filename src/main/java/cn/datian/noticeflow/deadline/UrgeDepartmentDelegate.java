package cn.datian.noticeflow.deadline;

import static cn.datian.noticeflow.common.TaskInput.actor;

import cn.datian.noticeflow.common.AsSystem;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeNotFoundException;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeState;
import cn.datian.noticeflow.response.NoSuchRecipientException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * Task_UrgeDepartment: 催办 from Tasklist's start form. The notice may be named by its id or by its
 * exact title; anything that cannot be urged is refused on the form.
 */
@Component("urgeDepartmentDelegate")
public class UrgeDepartmentDelegate implements JavaDelegate {

  private final UrgeService urges;
  private final NoticeRepository notices;
  private final IdentityService identityService;

  public UrgeDepartmentDelegate(
      UrgeService urges, NoticeRepository notices, IdentityService identityService) {
    this.urges = urges;
    this.notices = notices;
    this.identityService = identityService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String notice = text(execution, "notice");
    String departmentId = text(execution, "departmentId");
    String message = text(execution, "message");
    if (notice == null) {
      throw new FormFieldValidationException("notice", "notice: 请填写通知编号或标题 (notice is required)");
    }
    if (departmentId == null) {
      throw new FormFieldValidationException(
          "departmentId", "departmentId: 请填写部门编号 (departmentId is required)");
    }
    String user = actor();
    try {
      String noticeId = resolve(notice);
      AsSystem.run(identityService, () -> urges.urge(noticeId, departmentId, message, user));
      execution.setVariable("noticeId", noticeId);
    } catch (IllegalArgumentException
        | ChaseRefusedException
        | NoSuchRecipientException
        | NoticeNotFoundException e) {
      throw new FormFieldValidationException("urge", e.getMessage());
    }
  }

  private String resolve(String notice) {
    if (notices.find(notice).isPresent()) {
      return notice;
    }
    return notices.findAll().stream()
        .filter(n -> n.title().equals(notice) && n.state() != NoticeState.CLOSED)
        .map(Notice::id)
        .findFirst()
        .orElseThrow(() -> new NoticeNotFoundException(notice));
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}
