package cn.datian.noticeflow.response;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeNotFoundException;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.response.NoticeView.RecipientView;
import cn.datian.noticeflow.response.NoticeView.StepView;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Reading notices for the API. The office, the leading group and supervisors see every recipient; a
 * department's users see the notice and their own department's row only.
 */
@Service
public class NoticeQueries {

  private final NoticeRepository notices;
  private final DepartmentDirectory directory;
  private final ZoneId zone;
  private final ResponseRepository recipients;

  public NoticeQueries(
      NoticeRepository notices,
      DepartmentDirectory directory,
      NoticeflowProperties properties,
      ResponseRepository recipients) {
    this.recipients = recipients;
    this.notices = notices;
    this.directory = directory;
    this.zone = properties.zone();
  }

  public NoticeView view(String noticeId, CurrentUser user) {
    Notice notice = notices.find(noticeId).orElseThrow(() -> new NoticeNotFoundException(noticeId));
    List<NoticeRecipient> recipients = this.recipients.recipients(noticeId);
    if (!user.hasOversight()) {
      recipients =
          recipients.stream().filter(r -> user.groupIds().contains(r.departmentId())).toList();
      if (recipients.isEmpty()) {
        throw new AccessDeniedException(
            "无权查看此通知 (" + user.id() + " is neither a recipient nor in oversight)");
      }
    }
    Map<String, List<NoticeStep>> stepsByDepartment =
        notices.steps(noticeId).stream()
            .collect(Collectors.groupingBy(s -> Objects.requireNonNullElse(s.departmentId(), "")));
    return new NoticeView(
        notice.id(),
        notice.number(),
        notice.title(),
        notice.issuer(),
        notice.issuedOn(),
        notice.body(),
        local(notice.deadline()),
        local(notice.acknowledgeBy()),
        notice.state(),
        notice.processInstanceId(),
        notice.draftedBy(),
        local(notice.closedAt()),
        steps(stepsByDepartment.get("")),
        recipients.stream()
            .map(r -> recipient(r, steps(stepsByDepartment.get(r.departmentId()))))
            .toList());
  }

  private RecipientView recipient(NoticeRecipient r, List<StepView> steps) {
    return new RecipientView(
        r.departmentId(),
        directory.find(r.departmentId()).map(Department::name).orElse(r.departmentId()),
        r.participation(),
        r.stage(),
        r.stage().label(),
        local(r.stageSince()),
        r.reviewRounds(),
        r.contactName(),
        r.contactPhone(),
        r.declineReason(),
        steps);
  }

  private List<StepView> steps(List<NoticeStep> steps) {
    if (steps == null) {
      return List.of();
    }
    return steps.stream()
        .map(s -> new StepView(s.step(), s.userId(), local(s.doneAt()), s.comment()))
        .toList();
  }

  /** Times go out in the configured zone, as the office reads them. */
  private OffsetDateTime local(OffsetDateTime t) {
    return t == null ? null : t.atZoneSameInstant(zone).toOffsetDateTime();
  }
}
