package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.mail.MailContent;
import cn.datian.noticeflow.mail.MailKind;
import cn.datian.noticeflow.mail.MailLog;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeState;
import cn.datian.noticeflow.response.NoticeRecipient;
import cn.datian.noticeflow.response.ResponseRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a reminder, an escalation or an urge says when the dispatcher sends it, which may be long
 * after it was queued (a mail server down for hours). A reminder or escalation whose reason is gone
 * is not sent: the department delivered, its deadline moved, the notice is closed. Otherwise time
 * left or overdue, open tasks and links are worked out as of sending.
 */
@Component
public class ChaseMailContent implements MailContent {

  private final DeadlineChaseService chase;
  private final NoticeRepository notices;
  private final NoticeflowProperties properties;
  private final ResponseRepository recipients;
  private final ChaseMails mails;

  public ChaseMailContent(
      DeadlineChaseService chase,
      NoticeRepository notices,
      NoticeflowProperties properties,
      ResponseRepository recipients,
      ChaseMails mails) {
    this.mails = mails;
    this.recipients = recipients;
    this.chase = chase;
    this.notices = notices;
    this.properties = properties;
  }

  @Override
  public boolean handles(MailKind kind) {
    return kind == MailKind.REMINDER || kind == MailKind.ESCALATION || kind == MailKind.URGE;
  }

  @Override
  public List<Outcome> refresh(List<MailLog.Entry> entries, Instant now) {
    // one query for the batch's open tasks, each notice read once per batch
    Map<String, Map<String, Object>> tasks =
        mails.taskModels(entries.stream().map(e -> (String) e.model().get("responseId")).toList());
    Map<String, Optional<Notice>> noticeCache = new HashMap<>();
    List<Outcome> outcomes = new ArrayList<>(entries.size());
    for (MailLog.Entry entry : entries) {
      Optional<Notice> notice = noticeCache.computeIfAbsent(entry.noticeId(), notices::find);
      Map<String, Object> model = new HashMap<>(entry.model());
      model.putAll(
          tasks.getOrDefault((String) model.get("responseId"), mails.taskModel((String) null)));
      outcomes.add(refresh(entry, model, notice, now));
    }
    return outcomes;
  }

  private Outcome refresh(
      MailLog.Entry entry, Map<String, Object> model, Optional<Notice> notice, Instant now) {
    if (entry.kind() == MailKind.URGE) {
      return new Send(
          model); // the office's own words go out as written; the tasks and link are today's
    }
    String what = entry.kind() == MailKind.REMINDER ? "提醒" : "督办";
    if (notice.isEmpty() || notice.get().state() == NoticeState.CLOSED) {
      return new Skip("通知已办结，不再" + what);
    }
    Optional<NoticeRecipient> recipient =
        recipients.recipient(entry.noticeId(), entry.departmentId());
    if (recipient.isEmpty()) {
      return new Skip("该部门已不在通知的发送范围内，不再" + what);
    }
    Optional<Obligation> owed = chase.obligationOf(notice.get(), recipient.get());
    if (owed.isEmpty()) {
      return new Skip("该部门已" + recipient.get().stage().label() + "，不再" + what);
    }
    Obligation obligation = owed.get();
    if (!obligation.kind().equals(model.get("obligationKind"))) {
      return new Skip("该部门已完成“" + model.get("obligation") + "”，不再" + what);
    }
    if (!obligation.due().toInstant().toString().equals(model.get("dueAt"))) {
      return new Skip("期限已变更为 " + properties.shown(obligation.due()) + "，原" + what + "不再发送");
    }
    model.put("obligation", obligation.description());
    model.putAll(mails.timeModel(obligation, now));
    if (entry.kind() == MailKind.ESCALATION) {
      model.put("contactText", ChaseMails.contactText(recipient.get()));
    }
    return new Send(model);
  }
}
