package cn.datian.noticeflow.deadline;

import static cn.datian.noticeflow.process.ProcessVariables.EXTENSION_REASON;
import static cn.datian.noticeflow.process.ProcessVariables.EXTENSION_REQUESTED_BY;
import static cn.datian.noticeflow.process.ProcessVariables.REQUESTED_DEADLINE;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.DateWindow;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.mail.MailKind;
import cn.datian.noticeflow.mail.MailMessage;
import cn.datian.noticeflow.mail.MailService;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.notice.StepKind;
import cn.datian.noticeflow.response.ChaseSignal;
import cn.datian.noticeflow.response.DepartmentResponses;
import cn.datian.noticeflow.response.NoticeRecipient;
import cn.datian.noticeflow.response.ResponseRepository;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 延期申请: a department asks for a later deadline with a reason; the office head decides in Tasklist
 * (the department-response event subprocess). An approval moves that department's deadline, the due
 * dates of its open tasks and its reminder and escalation timers.
 */
@Service
public class ExtensionService {

  public static final String MESSAGE = "ExtensionRequested";

  private final DeadlineChaseService chase;
  private final NoticeRepository notices;
  private final NoticeService noticeService;
  private final DepartmentDirectory directory;
  private final MailService mailService;
  private final ChaseSignal chaseSignal;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final DeadlineSchedule schedule;
  private final NoticeflowProperties properties;
  private final DateWindow window;
  private final ResponseRepository recipients;
  private final DepartmentResponses responses;
  private final ChaseMails mails;

  public ExtensionService(
      DeadlineChaseService chase,
      NoticeRepository notices,
      NoticeService noticeService,
      DepartmentDirectory directory,
      MailService mailService,
      ChaseSignal chaseSignal,
      RuntimeService runtimeService,
      TaskService taskService,
      DeadlineSchedule schedule,
      NoticeflowProperties properties,
      DateWindow window,
      ResponseRepository recipients,
      DepartmentResponses responses,
      ChaseMails mails) {
    this.mails = mails;
    this.responses = responses;
    this.recipients = recipients;
    this.window = window;
    this.chase = chase;
    this.notices = notices;
    this.noticeService = noticeService;
    this.directory = directory;
    this.mailService = mailService;
    this.chaseSignal = chaseSignal;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.schedule = schedule;
    this.properties = properties;
  }

  /** The department asks; the office head gets a decision task. */
  @Transactional
  public void request(
      String noticeId, String departmentId, String requestedDeadline, String reason, String user) {
    if (reason == null || reason.isBlank() || reason.length() > 2000) {
      throw new IllegalArgumentException("reason: 请填写申请理由，不超过2000字 (reason is required)");
    }
    NoticeRecipient recipient = responses.requireRecipient(noticeId, departmentId);
    Obligation owed =
        chase
            .obligationOf(noticeId, departmentId)
            .filter(o -> o.kind().equals("summary"))
            .orElseThrow(
                () ->
                    new ChaseRefusedException(
                        "当前阶段（"
                            + recipient.stage().label()
                            + "）不能申请延期 (only while the summary is owed)"));
    OffsetDateTime requested = parseDeadline(requestedDeadline);
    if (!requested.isAfter(owed.due())) {
      throw new IllegalArgumentException(
          "requestedDeadline: 申请的期限应晚于现有期限 "
              + shown(owed.due())
              + " (must be later than the current deadline)");
    }
    String responseId = chase.responseInstanceOf(noticeId, departmentId);
    if (taskService
            .createTaskQuery()
            .processInstanceId(responseId)
            .taskDefinitionKey("Task_DecideExtension")
            .count()
        > 0) {
      throw new ChaseRefusedException("已有延期申请待审批 (an extension request is already pending)");
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(REQUESTED_DEADLINE.name(), Date.from(requested.toInstant()));
    variables.put("requestedDeadlineText", shown(requested));
    variables.put("currentDeadlineText", shown(owed.due()));
    variables.put(EXTENSION_REASON.name(), reason.strip());
    variables.put(EXTENSION_REQUESTED_BY.name(), user);
    runtimeService
        .createMessageCorrelation(MESSAGE)
        .processInstanceId(responseId)
        .setVariablesLocal(variables)
        .correlateWithResult();
    notices.recordStep(
        new NoticeStep(
            noticeId,
            departmentId,
            StepKind.EXTENSION_REQUESTED,
            user,
            "申请延期至 " + shown(requested) + "：" + reason.strip(),
            EngineTime.nowUtc()));
  }

  /** The office head's decision (Task_DecideExtension, on its end). */
  public void decide(
      String noticeId,
      String departmentId,
      String responseId,
      boolean approved,
      Date requestedDeadline,
      String reason,
      String requestedBy,
      String comment,
      String user) {
    Notice notice = noticeService.require(noticeId);
    NoticeRecipient recipient = responses.requireRecipient(noticeId, departmentId);
    OffsetDateTime deadline = recipient.deadline(notice);
    if (approved) {
      deadline = requestedDeadline.toInstant().atOffset(java.time.ZoneOffset.UTC);
      recipients.extendDeadline(noticeId, departmentId, deadline);
      runtimeService.setVariable(responseId, "deadline", requestedDeadline);
      runtimeService.setVariable(responseId, "deadlineText", shown(deadline));
      for (Task task : taskService.createTaskQuery().processInstanceId(responseId).list()) {
        if (!task.getTaskDefinitionKey().equals("Task_DecideExtension")
            && !task.getTaskDefinitionKey().equals("Task_AcknowledgeNotice")) {
          taskService.setDueDate(task.getId(), requestedDeadline);
          taskService.setFollowUpDate(task.getId(), schedule.dueSoonFrom(requestedDeadline));
        }
      }
    }
    notices.recordStep(
        new NoticeStep(
            noticeId,
            departmentId,
            approved ? StepKind.EXTENSION_APPROVED : StepKind.EXTENSION_REJECTED,
            user,
            (approved ? "期限延至 " + shown(deadline) : "不同意延期")
                + (comment == null ? "" : "：" + comment),
            EngineTime.nowUtc()));
    Map<String, Object> model = mails.baseModel(noticeId, departmentId, null, responseId);
    model.put("approved", approved);
    model.put("reason", reason);
    model.put("comment", comment == null ? "无" : comment);
    model.put("dueText", shown(deadline));
    List<String> to = new ArrayList<>(mails.emailsOfUser(requestedBy));
    to.add(directory.require(departmentId).email());
    mailService.enqueue(
        new MailMessage(
            "extension:"
                + noticeId
                + ":"
                + departmentId
                + ":"
                + requestedDeadline.toInstant()
                + ":"
                + requestedBy
                + ":"
                + EngineTime.now().toEpochMilli(),
            MailKind.EXTENSION_DECISION,
            noticeId,
            departmentId,
            to,
            model));
    chaseSignal.responseChangedAfterCommit(responseId);
  }

  /** A date alone means the end of that day in the configured zone. */
  OffsetDateTime parseDeadline(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException(
          "requestedDeadline: 请填写申请的新期限 (requestedDeadline is required)");
    }
    OffsetDateTime parsed;
    try {
      String text = raw.strip();
      parsed =
          text.length() == 10
              ? LocalDate.parse(text)
                  .atTime(LocalTime.of(23, 59, 59))
                  .atZone(properties.zone())
                  .toOffsetDateTime()
              : OffsetDateTime.parse(text);
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "requestedDeadline: 格式应为 yyyy-MM-dd 或 ISO-8601 时间 (not a date: " + raw + ")");
    }
    // before anything converts it: a date past the horizon overflows Date and the calendar
    if (window.isBeyond(parsed, properties.zone())) {
      throw new IllegalArgumentException(
          "requestedDeadline: " + window.tooLate("申请的新期限", "requestedDeadline", properties.zone()));
    }
    return parsed;
  }

  private String shown(OffsetDateTime time) {
    return properties.shown(time);
  }
}
