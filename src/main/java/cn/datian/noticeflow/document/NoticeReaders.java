package cn.datian.noticeflow.document;

import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.evidence.EvidenceRejectedException;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeState;
import cn.datian.noticeflow.response.ResponseRepository;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who may read a notice's text and attachments: the office and the oversight roles always; once it
 * is published, the people of every recipient (its clerks' group and its heads' group). A draft is
 * the office's alone.
 */
@Component
public class NoticeReaders {

  /** The stages in which the notice is still the office's draft: attachments may change. */
  static final Set<NoticeState> DRAFT_STATES =
      EnumSet.of(
          NoticeState.DRAFTING, NoticeState.RETURNED_TO_DRAFTER, NoticeState.AWAITING_SIGN_OFF);

  private final NoticeRepository notices;
  private final ResponseRepository recipients;

  public NoticeReaders(NoticeRepository notices, ResponseRepository recipients) {
    this.recipients = recipients;
    this.notices = notices;
  }

  public boolean mayRead(Notice notice, CurrentUser user) {
    if (user.hasOversight() || user.isIssuer()) {
      return true;
    }
    if (DRAFT_STATES.contains(notice.state())) {
      return false;
    }
    // the recipient rows are the truth once published (written at publication, from the record)
    return recipients.recipients(notice.id()).stream()
        .anyMatch(
            r ->
                user.groupIds().contains(r.departmentId())
                    || user.groupIds().contains(Department.headsGroupIdOf(r.departmentId())));
  }

  public void requireReader(Notice notice, CurrentUser user) {
    if (!mayRead(notice, user)) {
      throw new EvidenceRejectedException(403, "无权查看该通知：只有接收单位和领导小组办公室可以查看 (not a recipient)");
    }
  }
}
