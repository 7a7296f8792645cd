package cn.datian.noticeflow.oversight;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.AsSystem;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.evidence.Evidence;
import cn.datian.noticeflow.evidence.EvidenceService;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.identity.DisplayNames;
import cn.datian.noticeflow.mail.MailLog;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeNotFoundException;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.notice.StepKind;
import cn.datian.noticeflow.response.ActivityRecord;
import cn.datian.noticeflow.response.ActivityRepository;
import cn.datian.noticeflow.response.DepartmentResponses;
import cn.datian.noticeflow.response.NoticeRecipient;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * One department's page for one notice, as the board's row opens it: every step with who and when,
 * its activities, its evidence, its mails, and what the office still has to decide about it (督办,
 * extension requests). Read from the record and the engine, never from variables.
 */
@Service
public class DepartmentPage {

  /** Open tasks about this department outside its own work: 督办 and extension decisions. */
  static final List<String> OFFICE_TASKS =
      List.of("Task_SuperviseDepartment", "Task_DecideExtension");

  static final Set<StepKind> CHASING =
      Set.of(
          StepKind.REMINDED,
          StepKind.ESCALATED,
          StepKind.SUPERVISED,
          StepKind.URGED,
          StepKind.EXTENSION_REQUESTED,
          StepKind.EXTENSION_APPROVED,
          StepKind.EXTENSION_REJECTED);

  private final NoticeRepository notices;
  private final NoticeService noticeService;
  private final DepartmentDirectory directory;
  private final OversightService oversight;
  private final ActivityRepository activities;
  private final EvidenceService evidence;
  private final MailLog mailLog;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final DisplayNames names;
  private final NoticeflowProperties properties;
  private final DepartmentResponses responses;

  public DepartmentPage(
      NoticeRepository notices,
      NoticeService noticeService,
      DepartmentDirectory directory,
      OversightService oversight,
      ActivityRepository activities,
      EvidenceService evidence,
      MailLog mailLog,
      TaskService taskService,
      IdentityService identityService,
      DisplayNames names,
      NoticeflowProperties properties,
      DepartmentResponses responses) {
    this.responses = responses;
    this.notices = notices;
    this.noticeService = noticeService;
    this.directory = directory;
    this.oversight = oversight;
    this.activities = activities;
    this.evidence = evidence;
    this.mailLog = mailLog;
    this.taskService = taskService;
    this.identityService = identityService;
    this.names = names;
    this.properties = properties;
  }

  public record Step(String label, String who, String when, String comment, boolean chasing) {}

  public record Mail(
      String kind, String subject, String recipients, String state, String created, String sent) {}

  public record OfficeTask(String name, String assignee, String created, String due) {}

  public record View(
      Notice notice,
      String departmentId,
      String departmentName,
      NoticeRecipient recipient,
      OversightRow row,
      List<Step> steps,
      List<ActivityRecord> activities,
      List<Evidence> evidence,
      List<Mail> mails,
      List<OfficeTask> officeTasks,
      List<Step> chasing,
      boolean mailsShown) {}

  /** The page, if the user may see it: overseers every department, a department only its own. */
  public View of(String noticeId, String departmentId, CurrentUser user) {
    if (!user.hasOversight() && !user.groupIds().contains(departmentId)) {
      throw new AccessDeniedException("只能查看本部门的办理情况 (a department sees only its own page)");
    }
    Notice notice = notices.find(noticeId).orElseThrow(() -> new NoticeNotFoundException(noticeId));
    NoticeRecipient recipient = responses.requireRecipient(noticeId, departmentId);
    OversightRow row =
        oversight.rowsOf(notice, EngineTime.now()).stream()
            .filter(r -> r.departmentId().equals(departmentId))
            .findFirst()
            .orElseThrow();
    Map<String, String> whoDid =
        new HashMap<>(); // the same few people do most steps: one lookup each
    List<Step> steps =
        notices.steps(noticeId).stream()
            .filter(s -> s.departmentId() == null || s.departmentId().equals(departmentId))
            .sorted(Comparator.comparing(NoticeStep::doneAt))
            .map(
                s ->
                    new Step(
                        s.step().label(),
                        whoDid.computeIfAbsent(String.valueOf(s.userId()), u -> who(s.userId())),
                        shown(s.doneAt()),
                        s.comment(),
                        CHASING.contains(s.step())))
            .toList();
    // the mail log is the overseers' (as GET /api/notices/{id}/mail): escalations name the
    // department to the leading group
    List<Mail> mails =
        !user.hasOversight()
            ? List.of()
            : mailLog.findAll(noticeId).stream()
                .filter(m -> departmentId.equals(m.departmentId()))
                .map(
                    m ->
                        new Mail(
                            mailKind(m.kind().name()),
                            m.subject(),
                            String.join("、", m.recipients()),
                            mailState(m.state().name()),
                            shown(m.createdAt()),
                            m.sentAt() == null ? "" : shown(m.sentAt())))
                .toList();
    return new View(
        notice,
        departmentId,
        directory.find(departmentId).map(Department::name).orElse(departmentId),
        recipient,
        row,
        steps,
        activities.find(noticeId, departmentId),
        evidence.stored(noticeId, departmentId),
        mails,
        officeTasks(noticeId, departmentId),
        steps.stream().filter(Step::chasing).toList(),
        user.hasOversight());
  }

  private List<OfficeTask> officeTasks(String noticeId, String departmentId) {
    // as the system: the page's own access rule above decides, not the viewer's task grants
    return AsSystem.call(
            identityService,
            () ->
                taskService
                    .createTaskQuery()
                    .taskDefinitionKeyIn(OFFICE_TASKS.toArray(String[]::new))
                    .processVariableValueEquals("noticeId", noticeId)
                    .processVariableValueEquals("departmentId", departmentId)
                    .orderByTaskCreateTime()
                    .asc()
                    .list())
        .stream()
        .map(
            t ->
                new OfficeTask(
                    t.getName(),
                    t.getAssignee() == null ? "尚未认领" : who(t.getAssignee()),
                    shown(t.getCreateTime().toInstant().atOffset(java.time.ZoneOffset.UTC)),
                    t.getDueDate() == null
                        ? ""
                        : shown(t.getDueDate().toInstant().atOffset(java.time.ZoneOffset.UTC))))
        .toList();
  }

  private String who(String userId) {
    return userId == null || userId.isBlank() ? "系统" : names.of(userId);
  }

  private String shown(OffsetDateTime time) {
    return time == null ? "" : properties.shown(time);
  }

  private static String mailKind(String kind) {
    return switch (kind) {
      case "REMINDER" -> "到期提醒";
      case "ESCALATION" -> "逾期上报";
      case "URGE" -> "催办";
      case "EXTENSION_DECISION" -> "延期审批结果";
      default -> kind;
    };
  }

  private static String mailState(String state) {
    return switch (state) {
      case "PENDING" -> "待发送";
      case "SENT" -> "已发送";
      case "FAILED" -> "发送失败，重试中";
      case "RECORDED" -> "已记录（未配置邮件服务器）";
      default -> state;
    };
  }
}
