package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.identity.Groups;
import cn.datian.noticeflow.mail.MailKind;
import cn.datian.noticeflow.mail.MailMessage;
import cn.datian.noticeflow.mail.MailProperties;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.response.NoticeRecipient;
import cn.datian.noticeflow.response.ResponseRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Whom a chasing mail goes to and what it says: reminders and escalations of the deadline watch,
 * and the values urges and extension answers share with them (notice, department, deadline, open
 * tasks, links, how late). {@link ChaseMailContent} renders them again with {@link #timeModel} when
 * they are sent.
 */
@Component
public class ChaseMails {

  private final NoticeService noticeService;
  private final ResponseRepository recipients;
  private final DepartmentDirectory directory;
  private final DeadlineSchedule schedule;
  private final MailProperties mailProperties;
  private final IdentityService identityService;
  private final TaskService taskService;
  private final NoticeflowProperties properties;

  public ChaseMails(
      NoticeService noticeService,
      ResponseRepository recipients,
      DepartmentDirectory directory,
      DeadlineSchedule schedule,
      MailProperties mailProperties,
      IdentityService identityService,
      TaskService taskService,
      NoticeflowProperties properties) {
    this.noticeService = noticeService;
    this.recipients = recipients;
    this.directory = directory;
    this.schedule = schedule;
    this.mailProperties = mailProperties;
    this.identityService = identityService;
    this.taskService = taskService;
    this.properties = properties;
  }

  MailMessage reminder(
      String key, String noticeId, String departmentId, Obligation obligation, String responseId) {
    Map<String, Object> model = baseModel(noticeId, departmentId, obligation, responseId);
    model.putAll(timeModel(obligation, EngineTime.now()));
    List<String> to = new ArrayList<>(emailsOf(obligation.owingGroupId()));
    to.add(directory.require(departmentId).email());
    return new MailMessage(key, MailKind.REMINDER, noticeId, departmentId, to, model);
  }

  MailMessage escalation(
      String key,
      String noticeId,
      String departmentId,
      Obligation obligation,
      int level,
      String responseId) {
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
        : recipient.contactName()
            + (recipient.contactPhone() == null ? "" : " " + recipient.contactPhone());
  }

  /**
   * What a chasing mail says about time, as of {@code now}: the mail is rendered again with these
   * when it is sent, so it is true when it arrives (a reminder sent after the deadline says how
   * long it is overdue).
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
   * A span as mails say it: working days once it is a day or more, else hours, else minutes; under
   * a minute "不足1分钟" — never "0分钟".
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
      for (Task task :
          taskService.createTaskQuery().processInstanceIdIn(ids.toArray(String[]::new)).list()) {
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
        open.isEmpty()
            ? "无"
            : open.stream().map(Task::getName).distinct().collect(Collectors.joining("、")));
    model.put("taskLink", mailProperties.taskLink(open.isEmpty() ? null : open.get(0).getId()));
    return model;
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
}
