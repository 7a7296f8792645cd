package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.mail.MailService;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.notice.StepKind;
import cn.datian.noticeflow.response.ChasePlan;
import cn.datian.noticeflow.response.DepartmentResponses;
import cn.datian.noticeflow.response.NoticeRecipient;
import cn.datian.noticeflow.response.RecipientStage;
import cn.datian.noticeflow.response.ResponseRepository;
import cn.datian.noticeflow.response.WhatIsOwed;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Chasing one department on one notice: reminders before its deadline, escalation to the leading
 * group and a 督办 task for the office once it is overdue, repeated while it stays overdue. The
 * department-response process's deadline watch calls in here; what the department owes is always
 * read afresh from the record, so a delivery stops the chase and an extension moves it.
 *
 * <p>This class plans (what is owed, when to look again, what is due now); {@link ChaseMails}
 * addresses and composes the mails, which go to the outbox (mail.MailLog) and are rendered true
 * when sent ({@link ChaseMailContent}); {@link SupervisionStarter} starts the 督办 task.
 */
@Service
public class DeadlineChaseService implements ChasePlan {

  private final NoticeRepository notices;
  private final NoticeService noticeService;
  private final ResponseRepository recipients;
  private final DepartmentResponses responses;
  private final DepartmentDirectory directory;
  private final DeadlineSchedule schedule;
  private final MailService mailService;
  private final ChaseMails mails;
  private final SupervisionStarter supervision;

  public DeadlineChaseService(
      NoticeRepository notices,
      NoticeService noticeService,
      ResponseRepository recipients,
      DepartmentResponses responses,
      DepartmentDirectory directory,
      DeadlineSchedule schedule,
      MailService mailService,
      ChaseMails mails,
      SupervisionStarter supervision) {
    this.notices = notices;
    this.noticeService = noticeService;
    this.recipients = recipients;
    this.responses = responses;
    this.directory = directory;
    this.schedule = schedule;
    this.mailService = mailService;
    this.mails = mails;
    this.supervision = supervision;
  }

  /** What the department owes now; empty once it has delivered (or declined). */
  public Optional<Obligation> obligationOf(String noticeId, String departmentId) {
    return obligationOf(
        noticeService.require(noticeId),
        recipients.recipient(noticeId, departmentId).orElseThrow());
  }

  Optional<Obligation> obligationOf(Notice notice, NoticeRecipient recipient) {
    // the rule is WhatIsOwed's: an enterprise that has not opted in owes nothing, so it is never
    // reminded, overdue or escalated (section 五: 不得强制企业参与); a delivered summary nothing more
    WhatIsOwed owed = WhatIsOwed.of(notice, recipient);
    if (!owed.owing()) {
      return Optional.empty();
    }
    Department department = directory.require(recipient.departmentId());
    if (owed.owed() == WhatIsOwed.Owed.ACKNOWLEDGEMENT) {
      return Optional.of(
          new Obligation(owed.owed().kind(), owed.owedBy(), "签收通知", department.id()));
    }
    // with its head for sign-off, the summary is the heads' to send on
    boolean withHead = recipient.stage() == RecipientStage.AWAITING_SIGN_OFF;
    return Optional.of(
        new Obligation(
            owed.owed().kind(),
            owed.owedBy(),
            withHead ? "报送活动总结（待负责人签发）" : "报送活动总结",
            withHead ? department.headsGroupId() : department.id()));
  }

  /** When the watch should look again; null when nothing is owed (it then waits for a change). */
  @Override
  public Date nextChaseAt(String noticeId, String departmentId) {
    return obligationOf(noticeId, departmentId)
        .map(
            o ->
                schedule
                    .plan(
                        o.due().toInstant(),
                        EngineTime.now(),
                        offsets(noticeId),
                        escalations(deadlineKey(noticeId, departmentId, o)).lastAt())
                    .nextChaseAt())
        .map(Date::from)
        .orElse(null);
  }

  /**
   * The watch woke up: write the reminder or the escalation that is due now, once, to the outbox
   * (the dispatcher sends it; the watch never waits for mail). Returns the keys written.
   */
  public List<String> chase(
      String noticeId, String departmentId, String responseProcessInstanceId) {
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
      if (mailService.enqueue(
          mails.reminder(key, noticeId, departmentId, obligation, responseProcessInstanceId))) {
        notices.recordStep(
            new NoticeStep(
                noticeId,
                departmentId,
                StepKind.REMINDED,
                null,
                "期限前" + shown(plan.reminderDue()) + "提醒：" + obligation.description(),
                EngineTime.nowUtc()));
        written.add(key);
      }
    }
    if (plan.escalationDue()) {
      // levels count the escalations issued for this deadline: 第1次, 第2次, … without gaps
      int level = issued.lastLevel() + 1;
      String key = "escalation:" + deadlineKey + ":" + level;
      if (mailService.enqueue(
          mails.escalation(
              key, noticeId, departmentId, obligation, level, responseProcessInstanceId))) {
        notices.recordStep(
            new NoticeStep(
                noticeId,
                departmentId,
                StepKind.ESCALATED,
                null,
                "第" + level + "次督办：逾期未" + obligation.description(),
                EngineTime.nowUtc()));
        supervision.superviseTask(
            noticeId, departmentId, obligation, level, responseProcessInstanceId);
        written.add(key);
      }
    }
    return written;
  }

  /** One deadline of one department: its reminders and escalations carry this in their keys. */
  static String deadlineKey(String noticeId, String departmentId, Obligation obligation) {
    return noticeId
        + ":"
        + departmentId
        + ":"
        + obligation.kind()
        + ":"
        + obligation.due().toInstant();
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

  /** The department-response instance carrying this department's work on the notice. */
  public String responseInstanceOf(String noticeId, String departmentId) {
    return responses
        .openInstanceOf(noticeId, departmentId)
        .orElseThrow(
            () ->
                new ChaseRefusedException("该部门的办理已结束 (" + departmentId + " has no open response)"));
  }

  private static String shown(Duration offset) {
    if (DeadlineSchedule.isWholeDays(offset)) {
      return offset.toDays() + "个工作日";
    }
    return offset.toMinutes() + "分钟";
  }
}
