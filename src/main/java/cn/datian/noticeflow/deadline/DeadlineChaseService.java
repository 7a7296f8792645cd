package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.identity.Groups;
import cn.datian.noticeflow.mail.MailKind;
import cn.datian.noticeflow.mail.MailMessage;
import cn.datian.noticeflow.mail.MailProperties;
import cn.datian.noticeflow.mail.MailService;
import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.response.DepartmentResponses;
import cn.datian.noticeflow.response.NoticeRecipient;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.notice.StepKind;
import cn.datian.noticeflow.response.ResponseRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Chasing one department on one notice: reminders before its deadline, escalation to the
 * leading group and a 督办 task for the office once it is overdue, repeated while it stays
 * overdue. The department-response process's deadline watch calls in here; what the department
 * owes is always read afresh from the record, so a delivery stops the chase and an extension
 * moves it. Mail goes to the outbox (mail.MailLog); {@link ChaseMailContent} renders it true
 * when it is sent.
 */
@Service
public class DeadlineChaseService {

  public static final String SUPERVISE_PROCESS_KEY = "supervise-department";

  private final NoticeRepository notices;
  private final NoticeService noticeService;
  private final DepartmentDirectory directory;
  private final DeadlineSchedule schedule;
  private final MailService mailService;
  private final MailProperties mailProperties;
  private final IdentityService identityService;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final NoticeflowProperties properties;
  private final ResponseRepository recipients;
  private final DepartmentResponses responses;

  public DeadlineChaseService(
      NoticeRepository notices,
      NoticeService noticeService,
      DepartmentDirectory directory,
      DeadlineSchedule schedule,
      MailService mailService,
      MailProperties mailProperties,
      IdentityService identityService,
      TaskService taskService,
      RuntimeService runtimeService,
      NoticeflowProperties properties,
      ResponseRepository recipients,
      DepartmentResponses responses) {
    this.responses = responses;
    this.recipients = recipients;
    this.notices = notices;
    this.noticeService = noticeService;
    this.directory = directory;
    this.schedule = schedule;
    this.mailService = mailService;
    this.mailProperties = mailProperties;
    this.identityService = identityService;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.properties = properties;
  }

  /** What the department owes now; empty once it has delivered (or declined). */
  public Optional<Obligation> obligationOf(String noticeId, String departmentId) {
    return obligationOf(noticeService.require(noticeId), recipients.recipient(noticeId, departmentId).orElseThrow());
  }

  Optional<Obligation> obligationOf(Notice notice, NoticeRecipient recipient) {
    Department department = directory.require(recipient.departmentId());
    if (department.isVoluntary() && recipient.stage() == cn.datian.noticeflow.response.RecipientStage.ACKNOWLEDGING) {
      // an enterprise that has not opted in owes nothing: never reminded, overdue or escalated
      // (section 五: 坚持自愿参加、不增加企业负担、不得强制企业参与); once it opts in it is chased as a department
      return Optional.empty();
    }
    return switch (recipient.stage()) {
      case ACKNOWLEDGING ->
          Optional.of(new Obligation("acknowledge", notice.acknowledgeBy(), "签收通知", department.id()));
      case EXECUTING, RETURNED ->
          Optional.of(
              new Obligation("summary", recipient.deadline(notice), "报送活动总结", department.id()));
      case AWAITING_SIGN_OFF ->
          Optional.of(
              new Obligation(
                  "summary", recipient.deadline(notice), "报送活动总结（待负责人签发）", department.headsGroupId()));
      case IN_REVIEW, ACCEPTED, DECLINED -> Optional.empty();
    };
  }

  /** When the watch should look again; null when nothing is owed (it then waits for a change). */
  public Date nextChaseAt(String noticeId, String departmentId) {
    return obligationOf(noticeId, departmentId)
        .map(o -> schedule.plan(o.due().toInstant(), EngineTime.now(), offsets(noticeId),
                escalations(deadlineKey(noticeId, departmentId, o)).lastAt())
            .nextChaseAt())
        .map(Date::from)
        .orElse(null);
  }

  /**
   * The watch woke up: write the reminder or the escalation that is due now, once, to the
   * outbox (the dispatcher sends it; the watch never waits for mail). Returns the keys written.
   */
  public List<String> chase(String noticeId, String departmentId, String responseProcessInstanceId) {
    Optional<Obligation> owed = obligationOf(noticeId, departmentId);
    if (owed.isEmpty()) {
      return List.of();
    }
    Obligation obligation = owed.get();
    Instant now = EngineTime.now();
    String deadlineKey = deadlineKey(noticeId, departmentId, obligation);
    Escalations issued = escalations(deadlineKey);
    DeadlineSchedule.Plan plan =
        schedule.plan(obligation.due().toInstant(), now, offsets(noticeId), issued.lastAt());
    List<String> written = new ArrayList<>();
    if (plan.reminderDue() != null) {
      String key = "reminder:" + deadlineKey + ":" + plan.reminderDue();
      if (mailService.enqueue(reminder(key, noticeId, departmentId, obligation, responseProcessInstanceId))) {
        notices.recordStep(
            new NoticeStep(noticeId, departmentId, StepKind.REMINDED, null,
                "期限前" + shown(plan.reminderDue()) + "提醒：" + obligation.description(), EngineTime.nowUtc()));
        written.add(key);
      }
    }
    if (plan.escalationDue()) {
      // levels count the escalations issued for this deadline: 第1次, 第2次, … without gaps
      int level = issued.lastLevel() + 1;
      String key = "escalation:" + deadlineKey + ":" + level;
      if (mailService.enqueue(
          escalation(key, noticeId, departmentId, obligation, level, responseProcessInstanceId))) {
        notices.recordStep(
            new NoticeStep(noticeId, departmentId, StepKind.ESCALATED, null,
                "第" + level + "次督办：逾期未" + obligation.description(), EngineTime.nowUtc()));
        superviseTask(noticeId, departmentId, obligation, level, responseProcessInstanceId);
        written.add(key);
      }
    }
    return written;
  }

  /** One deadline of one department: its reminders and escalations carry this in their keys. */
  static String deadlineKey(String noticeId, String departmentId, Obligation obligation) {
    return noticeId + ":" + departmentId + ":" + obligation.kind() + ":" + obligation.due().toInstant();
  }

  /** The escalations issued for one deadline: the highest level and when the latest was written. */
  record Escalations(int lastLevel, Instant lastAt) {}

  Escalations escalations(String deadlineKey) {
    String prefix = "escalation:" + deadlineKey + ":";
    int level = 0;
    Instant at = null;
    for (Map.Entry<String, OffsetDateTime> e : mailService.keysWithPrefix(prefix).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue; // LIKE's wildcards may match more than the prefix
      }
      try {
        level = Math.max(level, Integer.parseInt(e.getKey().substring(prefix.length())));
      } catch (NumberFormatException ignored) {
        continue;
      }
      Instant written = e.getValue().toInstant();
      at = at == null || written.isAfter(at) ? written : at;
    }
    return new Escalations(level, at);
  }

  /** Reminder offsets: the notice's own if it set them, else the configured ones. */
  List<Duration> offsets(String noticeId) {
    List<Duration> own = noticeService.require(noticeId).reminderOffsets();
    return own.isEmpty() ? schedule.defaultOffsets() : own;
  }

  private MailMessage reminder(
      String key, String noticeId, String departmentId, Obligation obligation, String responseId) {
    Map<String, Object> model = baseModel(noticeId, departmentId, obligation, responseId);
    model.putAll(timeModel(obligation, EngineTime.now()));
    List<String> to = new ArrayList<>(emailsOf(obligation.owingGroupId()));
    to.add(directory.require(departmentId).email());
    return new MailMessage(key, MailKind.REMINDER, noticeId, departmentId, to, model);
  }

  private MailMessage escalation(
      String key, String noticeId, String departmentId, Obligation obligation, int level, String responseId) {
    Map<String, Object> model = baseModel(noticeId, departmentId, obligation, responseId);
    model.put("level", level);
    model.putAll(timeModel(obligation, EngineTime.now()));
    model.put("contactText", contactText(noticeId, departmentId));
    List<String> to = new ArrayList<>(emailsOf(Groups.LEADING_GROUP));
    to.addAll(emailsOf(Groups.SUPERVISORS));
    return new MailMessage(key, MailKind.ESCALATION, noticeId, departmentId, to, model);
  }

  String contactText(String noticeId, String departmentId) {
    return contactText(recipients.recipient(noticeId, departmentId).orElseThrow());
  }

  static String contactText(NoticeRecipient recipient) {
    return recipient.contactName() == null
        ? "尚未指定"
        : recipient.contactName() + (recipient.contactPhone() == null ? "" : " " + recipient.contactPhone());
  }

  /**
   * What a chasing mail says about time, as of {@code now}: the mail is rendered again with
   * these when it is sent, so it is true when it arrives (a reminder sent after the deadline
   * says how long it is overdue).
   */
  Map<String, Object> timeModel(Obligation obligation, Instant now) {
    Instant due = obligation.due().toInstant();
    boolean overdue = !now.isBefore(due);
    Map<String, Object> model = new HashMap<>();
    model.put("overdue", overdue);
    model.put("dueVerb", overdue ? "已于" : "将于");
    model.put("sentAtText", properties.shown(now.atOffset(java.time.ZoneOffset.UTC)));
    if (overdue) {
      String span = span(due, now);
      model.put("overdueText", span);
      model.put("timeText", "已逾期" + span);
    } else {
      String span = span(now, due);
      model.put("leftText", span);
      model.put("timeText", "距今还有" + span);
    }
    return model;
  }

  /**
   * A span as mails say it: working days once it is a day or more, else hours, else minutes;
   * under a minute "不足1分钟" — never "0分钟".
   */
  String span(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    int workingDays = Math.abs(schedule.workingDaysLeft(to, from));
    if (d.toHours() >= 24 && workingDays >= 1) {
      return workingDays + "个工作日";
    }
    if (d.toHours() >= 1) {
      return d.toHours() + "小时";
    }
    if (d.toMinutes() >= 1) {
      return d.toMinutes() + "分钟";
    }
    return "不足1分钟";
  }

  /** The values every chasing mail shows: notice, department, deadline, open tasks, links. */
  public Map<String, Object> baseModel(
      String noticeId, String departmentId, Obligation obligation, String responseId) {
    Notice notice = noticeService.require(noticeId);
    Map<String, Object> model = new HashMap<>();
    model.put("noticeTitle", notice.title());
    model.put("departmentName", directory.require(departmentId).name());
    model.put("obligation", obligation == null ? "办理" : obligation.description());
    model.put("dueText", obligation == null ? "" : shown(obligation.due()));
    model.putAll(taskModel(responseId));
    model.put("boardLink", mailProperties.boardLink(noticeId, departmentId));
    // what the dispatcher checks before sending: is this still what the department owes?
    model.put("responseId", responseId);
    if (obligation != null) {
      model.put("obligationKind", obligation.kind());
      model.put("dueAt", obligation.due().toInstant().toString());
    }
    return model;
  }

  /** The department's open tasks and the link to the first (Tasklist). */
  Map<String, Object> taskModel(String responseId) {
    return taskModels(responseId == null ? List.of() : List.of(responseId))
        .getOrDefault(responseId, taskModel(List.of()));
  }

  /** The same for many responses in one query (the dispatcher asks for a batch at a time). */
  Map<String, Map<String, Object>> taskModels(java.util.Collection<String> responseIds) {
    Map<String, List<Task>> open = new HashMap<>();
    List<String> ids = responseIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
    if (!ids.isEmpty()) {
      for (Task task : taskService.createTaskQuery().processInstanceIdIn(ids.toArray(String[]::new)).list()) {
        open.computeIfAbsent(task.getProcessInstanceId(), k -> new ArrayList<>()).add(task);
      }
    }
    Map<String, Map<String, Object>> models = new HashMap<>();
    for (String id : ids) {
      models.put(id, taskModel(open.getOrDefault(id, List.of())));
    }
    return models;
  }

  private Map<String, Object> taskModel(List<Task> open) {
    Map<String, Object> model = new HashMap<>();
    model.put(
        "taskNames",
        open.isEmpty() ? "无" : open.stream().map(Task::getName).distinct().collect(Collectors.joining("、")));
    model.put("taskLink", mailProperties.taskLink(open.isEmpty() ? null : open.get(0).getId()));
    return model;
  }

  /** One open 督办 task per department: started at the first escalation, its level kept current. */
  private void superviseTask(
      String noticeId, String departmentId, Obligation obligation, int level, String responseId) {
    String businessKey = noticeId + ":" + departmentId;
    Map<String, Object> variables = baseModel(noticeId, departmentId, obligation, responseId);
    variables.keySet().removeAll(List.of("responseId", "obligationKind", "dueAt", "boardLink"));
    variables.put("noticeId", noticeId);
    variables.put("departmentId", departmentId);
    variables.put("escalationLevel", level);
    variables.put("missing", variables.get("taskNames"));
    ProcessInstance open =
        runtimeService.createProcessInstanceQuery()
            .processDefinitionKey(SUPERVISE_PROCESS_KEY)
            .processInstanceBusinessKey(businessKey)
            .singleResult();
    if (open == null) {
      runtimeService.startProcessInstanceByKey(SUPERVISE_PROCESS_KEY, businessKey, variables);
    } else {
      runtimeService.setVariables(open.getId(), variables);
    }
  }

  /** The department-response instance carrying this department's work on the notice. */
  public String responseInstanceOf(String noticeId, String departmentId) {
    return responses
        .openInstanceOf(noticeId, departmentId)
        .orElseThrow(() -> new ChaseRefusedException("该部门的办理已结束 (" + departmentId + " has no open response)"));
  }

  /** A user as mails name them: first and last name from the identity service, else the id. */
  public String displayNameOf(String userId) {
    if (userId == null) {
      return "";
    }
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name = (nullToEmpty(user.getFirstName()) + nullToEmpty(user.getLastName())).strip();
    return name.isEmpty() ? userId : name;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  public List<String> emailsOfUser(String userId) {
    if (userId == null) {
      return List.of();
    }
    User user = identityService.createUserQuery().userId(userId).singleResult();
    return user == null || user.getEmail() == null ? List.of() : List.of(user.getEmail());
  }

  public List<String> emailsOf(String groupId) {
    return identityService.createUserQuery().memberOfGroup(groupId).list().stream()
        .map(User::getEmail)
        .filter(e -> e != null && e.contains("@"))
        .toList();
  }

  private String shown(OffsetDateTime time) {
    return properties.shown(time);
  }

  private static String shown(Duration offset) {
    if (DeadlineSchedule.isWholeDays(offset)) {
      return offset.toDays() + "个工作日";
    }
    return offset.toMinutes() + "分钟";
  }
}
