package cn.datian.noticeflow.oversight;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.deadline.DeadlineSchedule;
import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.response.ResponseRepository;
import cn.datian.noticeflow.response.WhatIsOwed;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The oversight board's rows: every open notice, every recipient, its stage, what it owes by when,
 * and a light. Supervisors, the office and the leading group see all rows; a department's users see
 * their own.
 */
@Service
public class OversightService {

  private final NoticeRepository notices;
  private final OversightRepository repository;
  private final DepartmentDirectory directory;
  private final DeadlineSchedule schedule;
  private final NoticeflowProperties properties;
  private final ResponseRepository recipients;

  public OversightService(
      NoticeRepository notices,
      OversightRepository repository,
      DepartmentDirectory directory,
      DeadlineSchedule schedule,
      NoticeflowProperties properties,
      ResponseRepository recipients) {
    this.recipients = recipients;
    this.notices = notices;
    this.repository = repository;
    this.directory = directory;
    this.schedule = schedule;
    this.properties = properties;
  }

  public record Filter(String noticeId, String departmentId, Light light) {}

  /** One page of the board, with how many rows each light has under the same filter. */
  public record Page(
      List<OversightRow> rows, int page, int size, int total, Map<Light, Integer> lights) {
    public int pages() {
      return Math.max(1, (total + size - 1) / size);
    }
  }

  /** Every row the filter selects and the user may see, most urgent first (for exports). */
  public List<OversightRow> rows(Filter filter, CurrentUser user) {
    Instant now = EngineTime.now();
    OversightRepository.Query query = query(filter, user, now);
    return repository.rows(query, 0, Integer.MAX_VALUE).stream()
        .map(r -> row(r, now, query.dueSoonLimit()))
        .toList();
  }

  /** One page of those rows (page counts from 1). */
  public Page page(Filter filter, CurrentUser user, int page, int size) {
    Instant now = EngineTime.now();
    OversightRepository.Query query = query(filter, user, now);
    Map<Light, Integer> lights = repository.countByLight(query);
    int total =
        filter.light() == null
            ? lights.values().stream().mapToInt(Integer::intValue).sum()
            : lights.get(filter.light());
    List<OversightRow> rows =
        repository.rows(query, (page - 1) * size, size).stream()
            .map(r -> row(r, now, query.dueSoonLimit()))
            .toList();
    return new Page(rows, page, size, total, lights);
  }

  private OversightRepository.Query query(Filter filter, CurrentUser user, Instant now) {
    Collection<String> departments = user.hasOversight() ? null : user.groupIds();
    return new OversightRepository.Query(
        filter.noticeId(),
        filter.departmentId(),
        filter.light(),
        departments,
        now,
        schedule.dueSoonLimit(now));
  }

  /** The enterprises of the open notices (or one notice) the user may see, counted apart. */
  public EnterpriseCounts enterprises(String noticeId, CurrentUser user) {
    return repository.voluntaryCounts(noticeId, user.hasOversight() ? null : user.groupIds());
  }

  private OversightRow row(OversightRepository.StoredRow r, Instant now, Instant dueSoonLimit) {
    OffsetDateTime owedBy = r.owed().owedBy();
    int left = schedule.workingDaysLeft(owedBy.toInstant(), now);
    Light light = Light.of(r.owed(), now, dueSoonLimit);
    return new OversightRow(
        r.noticeId(),
        r.noticeTitle(),
        r.departmentId(),
        directory.find(r.departmentId()).map(Department::name).orElse(r.departmentId()),
        r.stage(),
        r.stage().label(),
        owedBy.atZoneSameInstant(properties.zone()).toOffsetDateTime(),
        left,
        light,
        light.label());
  }

  /**
   * Every recipient's row of one notice, open or closed, as it stands at {@code now}: what it owes
   * by when computed by the same rule ({@link WhatIsOwed}) the board reads stored.
   */
  public List<OversightRow> rowsOf(Notice notice, Instant now) {
    Instant dueSoonLimit = schedule.dueSoonLimit(now);
    return recipients.recipients(notice.id()).stream()
        .map(
            r ->
                row(
                    new OversightRepository.StoredRow(
                        notice.id(),
                        notice.title(),
                        r.departmentId(),
                        r.stage(),
                        WhatIsOwed.of(notice, r)),
                    now,
                    dueSoonLimit))
        .toList();
  }
}
