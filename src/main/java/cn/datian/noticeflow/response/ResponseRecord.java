package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.process.ProcessVariables.DEPARTMENT_ID;
import static cn.datian.noticeflow.process.ProcessVariables.NOTICE_ID;

import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.directory.Participation;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Which notice and which department a {@code department-response} instance works for, and what
 * follows from that: the candidate groups, due dates and the stage its gateways route on. Read from
 * the recipient's row, bound to the process instance when it starts — never from a process
 * variable, which a user completing a task could have set.
 *
 * <p>Used in the BPMN as {@code ${responseRecord.departmentGroup(execution)}} and by the listeners
 * and delegates of the process.
 */
@Component("responseRecord")
public class ResponseRecord {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ResponseRecord.class);

  private final NoticeRepository notices;
  private final NoticeService noticeService;
  private final DepartmentDirectory directory;
  private final ResponseRepository recipients;

  public ResponseRecord(
      NoticeRepository notices,
      NoticeService noticeService,
      DepartmentDirectory directory,
      ResponseRepository recipients) {
    this.recipients = recipients;
    this.notices = notices;
    this.noticeService = noticeService;
    this.directory = directory;
  }

  /** A recipient's response: the notice and the department. */
  public record Ref(String noticeId, String departmentId) {}

  /**
   * At the instance's start: the notice's fan-out bound the instance to its recipient when it
   * created it (notice.ResponseFanOut). An instance started otherwise (by the former call activity,
   * which passed the notice and department in, where no user can write them) is bound here, once.
   */
  public Ref bind(DelegateExecution execution) {
    return recipients
        .recipientOfProcess(execution.getProcessInstanceId())
        .map(r -> new Ref(r.noticeId(), r.departmentId()))
        .orElseGet(
            () -> {
              Ref ref = new Ref(NOTICE_ID.get(execution), DEPARTMENT_ID.get(execution));
              recipients.bindResponse(
                  ref.noticeId(), ref.departmentId(), execution.getProcessInstanceId());
              return ref;
            });
  }

  public Ref of(VariableScope scope) {
    NoticeRecipient recipient = recipient(scope);
    return new Ref(recipient.noticeId(), recipient.departmentId());
  }

  /** The department's group: candidates of its tasks. */
  public String departmentGroup(VariableScope scope) {
    return recipient(scope).departmentId();
  }

  /** The department's heads: candidates of the summary sign-off. */
  public String headsGroup(VariableScope scope) {
    return directory.require(recipient(scope).departmentId()).headsGroupId();
  }

  public Date acknowledgeBy(VariableScope scope) {
    return Date.from(
        noticeService.require(recipient(scope).noticeId()).acknowledgeBy().toInstant());
  }

  /** The department's deadline: its own after an approved extension, else the notice's. */
  public Date deadline(VariableScope scope) {
    NoticeRecipient recipient = recipient(scope);
    Notice notice = noticeService.require(recipient.noticeId());
    return Date.from(recipient.deadline(notice).toInstant());
  }

  /**
   * The answer watch's question: is this a voluntary recipient (an enterprise) that has not yet
   * answered — neither opted in nor declined? Read from the recipient's row: its participation was
   * fixed when the notice was published, so a directory change cannot turn a department into one
   * that may stay silent.
   */
  public boolean awaitsAnswer(VariableScope scope) {
    NoticeRecipient recipient = recipient(scope);
    return recipient.participation() == Participation.VOLUNTARY
        && recipient.stage() == RecipientStage.ACKNOWLEDGING;
  }

  /**
   * A voluntary recipient's answer deadline: the notice's deadline for acknowledging, which is when
   * it decides whether to take part. Read afresh each time the answer watch plans, so whatever
   * moves it moves the timer (the watch plans again on every ResponseChanged).
   */
  public Date answerBy(VariableScope scope) {
    return acknowledgeBy(scope);
  }

  /** Still unanswered and the answer deadline has passed (on the engine's clock). */
  public boolean answerOverdue(VariableScope scope) {
    return awaitsAnswer(scope) && !EngineTime.now().isBefore(answerBy(scope).toInstant());
  }

  /** For the gateways: the stage the last task's listener moved the recipient to. */
  public boolean stageIs(VariableScope scope, String stage) {
    return recipient(scope).stage() == RecipientStage.valueOf(stage);
  }

  private NoticeRecipient recipient(VariableScope scope) {
    String processInstanceId = processInstanceId(scope);
    return recipients
        .recipientOfProcess(processInstanceId)
        .orElseGet(() -> bindStarted(scope, processInstanceId));
  }

  /**
   * An instance started before recipients were bound (a database from before V5) is bound the first
   * time it is asked, from the variables its start was given: no completion can have changed them
   * since (identity.TaskCommandGuard), and a recipient is bound only once.
   */
  private NoticeRecipient bindStarted(VariableScope scope, String processInstanceId) {
    String noticeId = NOTICE_ID.get(scope);
    String departmentId = DEPARTMENT_ID.get(scope);
    if (noticeId == null || departmentId == null) {
      throw new IllegalStateException(
          "No recipient is bound to process instance " + processInstanceId);
    }
    log.warn(
        "Binding process instance {} started before V5 to recipient {} of notice {}",
        processInstanceId,
        departmentId,
        noticeId);
    recipients.bindResponse(noticeId, departmentId, processInstanceId);
    return recipients.recipientOfProcess(processInstanceId).orElseThrow();
  }

  private static String processInstanceId(VariableScope scope) {
    if (scope instanceof DelegateExecution execution) {
      return execution.getProcessInstanceId();
    }
    if (scope instanceof org.camunda.bpm.engine.delegate.DelegateTask task) {
      return task.getProcessInstanceId();
    }
    throw new IllegalArgumentException("Not an execution or task: " + scope);
  }
}
