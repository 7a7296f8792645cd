package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.mail.MailKind;
import cn.datian.noticeflow.mail.MailMessage;
import cn.datian.noticeflow.mail.MailService;
import cn.datian.noticeflow.notice.DepartmentDirectory;
import cn.datian.noticeflow.notice.NoticeRecipient;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.notice.StepKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** 催办: the office urges a department, at any moment, with a message. */
@Service
public class UrgeService {

  static final int MESSAGE_MAX = 2000;

  private final DeadlineChaseService chase;
  private final NoticeService noticeService;
  private final NoticeRepository notices;
  private final DepartmentDirectory directory;
  private final MailService mailService;
  private final ChaseSignal chaseSignal;

  public UrgeService(
      DeadlineChaseService chase,
      NoticeService noticeService,
      NoticeRepository notices,
      DepartmentDirectory directory,
      MailService mailService,
      ChaseSignal chaseSignal) {
    this.chase = chase;
    this.noticeService = noticeService;
    this.notices = notices;
    this.directory = directory;
    this.mailService = mailService;
    this.chaseSignal = chaseSignal;
  }

  /** Writes the urge mail and the history entry; the department's mail job sends it. */
  @Transactional
  public String urge(String noticeId, String departmentId, String message, String user) {
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("message: 请填写催办内容 (message is required)");
    }
    if (message.length() > MESSAGE_MAX) {
      throw new IllegalArgumentException("message: 催办内容不能超过" + MESSAGE_MAX + "字");
    }
    NoticeRecipient recipient = noticeService.requireRecipient(noticeId, departmentId);
    if (recipient.stage().isFinal()) {
      throw new ChaseRefusedException(
          "该部门已办结（" + recipient.stage().label() + "），无需催办 (" + departmentId + " is done)");
    }
    String responseId = chase.responseInstanceOf(noticeId, departmentId);
    Map<String, Object> model =
        chase.baseModel(noticeId, departmentId, chase.obligationOf(noticeId, departmentId).orElse(null), responseId);
    model.put("message", message.strip());
    model.put("urgedBy", user);
    List<String> to = new ArrayList<>(chase.emailsOf(departmentId));
    to.add(directory.require(departmentId).email());
    String key = "urge:" + noticeId + ":" + departmentId + ":" + UUID.randomUUID();
    mailService.enqueue(new MailMessage(key, MailKind.URGE, noticeId, departmentId, to, model));
    notices.recordStep(
        new NoticeStep(noticeId, departmentId, StepKind.URGED, user, message.strip(), EngineTime.nowUtc()));
    chaseSignal.responseChangedAfterCommit(responseId);
    return key;
  }
}
