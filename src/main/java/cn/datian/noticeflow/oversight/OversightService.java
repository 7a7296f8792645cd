package cn.datian.noticeflow.oversight;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.deadline.DeadlineSchedule;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.notice.Department;
import cn.datian.noticeflow.notice.DepartmentDirectory;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeRecipient;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeState;
import cn.datian.noticeflow.notice.RecipientStage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The oversight board's rows: every open notice, every recipient, its stage, what it owes by
 * when, and a light. Supervisors, the office and the leading group see all rows; a department's
 * users see their own.
 */
@Service
public class OversightService {

  private final NoticeRepository notices;
  private final DepartmentDirectory directory;
  private final DeadlineSchedule schedule;
  private final NoticeflowProperties properties;

  public OversightService(
      NoticeRepository notices,
      DepartmentDirectory directory,
      DeadlineSchedule schedule,
      NoticeflowProperties properties) {
    this.notices = notices;
    this.directory = directory;
    this.schedule = schedule;
    this.properties = properties;
  }

  public record Filter(String noticeId, String departmentId, Light light) {}

  public List<OversightRow> rows(Filter filter, CurrentUser user) {
    Instant now = EngineTime.now();
    List<OversightRow> rows = new ArrayList<>();
    for (Notice notice : notices.findAll()) {
      if (notice.state() == NoticeState.CLOSED || (filter.noticeId() != null && !filter.noticeId().equals(notice.id()))) {
        continue;
      }
      for (NoticeRecipient r : notices.recipients(notice.id())) {
        if (filter.departmentId() != null && !filter.departmentId().equals(r.departmentId())) {
          continue;
        }
        if (!user.hasOversight() && !user.groupIds().contains(r.departmentId())) {
          continue;
        }
        OversightRow row = row(notice, r, now);
        if (filter.light() == null || filter.light() == row.light()) {
          rows.add(row);
        }
      }
    }
    rows.sort(Comparator.comparing(OversightRow::light).reversed().thenComparing(OversightRow::due));
    return rows;
  }

  /** Every recipient's row of one notice, open or closed, as it stands at {@code now}. */
  public List<OversightRow> rowsOf(Notice notice, Instant now) {
    return notices.recipients(notice.id()).stream().map(r -> row(notice, r, now)).toList();
  }

  private OversightRow row(Notice notice, NoticeRecipient r, Instant now) {
    OffsetDateTime due = r.stage() == RecipientStage.ACKNOWLEDGING ? notice.acknowledgeBy() : r.deadline(notice);
    int left = schedule.workingDaysLeft(due.toInstant(), now);
    Light light = light(r.stage(), due.toInstant(), now, left);
    return new OversightRow(
        notice.id(),
        notice.title(),
        r.departmentId(),
        directory.find(r.departmentId()).map(Department::name).orElse(r.departmentId()),
        r.stage(),
        r.stage().label(),
        due.atZoneSameInstant(properties.zone()).toOffsetDateTime(),
        left,
        light,
        light.label());
  }

  /** Declined: grey. Done or with the office: green. Owing: red past due, yellow when close. */
  static Light light(RecipientStage stage, Instant due, Instant now, int workingDaysLeft) {
    return switch (stage) {
      case DECLINED -> Light.GREY;
      case ACCEPTED, IN_REVIEW -> Light.GREEN;
      default -> now.isAfter(due) ? Light.RED : workingDaysLeft <= DeadlineSchedule.DUE_SOON_WORKING_DAYS ? Light.YELLOW : Light.GREEN;
    };
  }
}
