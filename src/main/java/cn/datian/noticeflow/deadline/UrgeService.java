package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.calendar.WorkingCalendar;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.mail.MailKind;
import cn.datian.noticeflow.mail.MailMessage;
import cn.datian.noticeflow.mail.MailService;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.notice.StepKind;
import cn.datian.noticeflow.response.ChaseSignal;
import cn.datian.noticeflow.response.DepartmentResponses;
import cn.datian.noticeflow.response.NoticeRecipient;
import cn.datian.noticeflow.response.ResponseRepository;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 催办: the office urges a department with a message, at most once per urge interval ({@code
 * noticeflow.deadlines.urge-interval}; P1D = once per working day, PT2H = every two hours, PT0S =
 * no limit). Another urge within the interval is refused, saying when the last one went out; two at
 * the same moment take turns on the recipient's row, so one is sent and the other refused.
 */
@Service
public class UrgeService {

  static final int MESSAGE_MAX = 2000;

  private final DeadlineChaseService chase;
  private final NoticeService noticeService;
  private final NoticeRepository notices;
  private final DepartmentDirectory directory;
  private final MailService mailService;
  private final ChaseSignal chaseSignal;
  private final WorkingCalendar calendar;
  private final NoticeflowProperties properties;
  private final Duration interval;
  private final ResponseRepository recipients;
  private final DepartmentResponses responses;
  private final ChaseMails mails;

  public UrgeService(
      DeadlineChaseService chase,
      NoticeService noticeService,
      NoticeRepository notices,
      DepartmentDirectory directory,
      MailService mailService,
      ChaseSignal chaseSignal,
      WorkingCalendar calendar,
      NoticeflowProperties properties,
      @Value("${noticeflow.deadlines.urge-interval:P1D}") Duration interval,
      ResponseRepository recipients,
      DepartmentResponses responses,
      ChaseMails mails) {
    this.mails = mails;
    this.responses = responses;
    this.recipients = recipients;
    this.calendar = calendar;
    this.properties = properties;
    this.interval = interval;
    this.chase = chase;
    this.noticeService = noticeService;
    this.notices = notices;
    this.directory = directory;
    this.mailService = mailService;
    this.chaseSignal = chaseSignal;
  }

  /** Writes the urge mail to the outbox and the history entry. */
  @Transactional
  public String urge(String noticeId, String departmentId, String message, String user) {
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("message: 请填写催办内容 (message is required)");
    }
    if (message.length() > MESSAGE_MAX) {
      throw new IllegalArgumentException("message: 催办内容不能超过" + MESSAGE_MAX + "字");
    }
    responses.requireRecipient(noticeId, departmentId);
    // held until commit: a concurrent urge of this department waits here, then sees this one
    NoticeRecipient recipient;
    try {
      recipient = recipients.lockRecipient(noticeId, departmentId).orElseThrow();
    } catch (PessimisticLockingFailureException e) {
      throw new ChaseRefusedException(
          "正在催办该部门，请稍后再试 (another urge of " + departmentId + " is under way)");
    }
    if (recipient.stage().isFinal()) {
      throw new ChaseRefusedException(
          "该部门已办结（" + recipient.stage().label() + "），无需催办 (" + departmentId + " is done)");
    }
    requireIntervalPassed(noticeId, departmentId);
    String responseId = chase.responseInstanceOf(noticeId, departmentId);
    Map<String, Object> model =
        mails.baseModel(
            noticeId,
            departmentId,
            chase.obligationOf(noticeId, departmentId).orElse(null),
            responseId);
    model.put("message", message.strip());
    model.put("urgedBy", mails.displayNameOf(user)); // a name the department knows, not a login id
    List<String> to = new ArrayList<>(mails.emailsOf(departmentId));
    to.add(directory.require(departmentId).email());
    String key = "urge:" + noticeId + ":" + departmentId + ":" + UUID.randomUUID();
    mailService.enqueue(new MailMessage(key, MailKind.URGE, noticeId, departmentId, to, model));
    notices.recordStep(
        new NoticeStep(
            noticeId, departmentId, StepKind.URGED, user, message.strip(), EngineTime.nowUtc()));
    chaseSignal.responseChangedAfterCommit(responseId);
    return key;
  }

  private void requireIntervalPassed(String noticeId, String departmentId) {
    if (interval.isZero() || interval.isNegative()) {
      return;
    }
    NoticeStep last = notices.lastStep(noticeId, departmentId, StepKind.URGED).orElse(null);
    if (last == null) {
      return;
    }
    OffsetDateTime next = nextUrgeFrom(last.doneAt());
    if (EngineTime.now().isBefore(next.toInstant())) {
      throw new UrgeTooSoonException(
          "已于 "
              + properties.shown(last.doneAt())
              + " 催办过该部门（"
              + last.userId()
              + "），"
              + properties.shown(next)
              + " 起可再次催办 (urged at "
              + last.doneAt()
              + "; next from "
              + next
              + ")",
          last.doneAt(),
          next);
    }
  }

  /** Whole days count working days: P1D = from the start of the next working day. */
  OffsetDateTime nextUrgeFrom(OffsetDateTime last) {
    boolean wholeDays = interval.toSeconds() % 86_400 == 0;
    if (!wholeDays) {
      return last.plus(interval);
    }
    ZoneId zone = properties.zone();
    LocalDate lastDay = last.atZoneSameInstant(zone).toLocalDate();
    LocalDate day = calendar.addWorkingDays(lastDay, (int) Math.min(interval.toDays(), 3650));
    return day.atStartOfDay(zone).toOffsetDateTime();
  }
}
