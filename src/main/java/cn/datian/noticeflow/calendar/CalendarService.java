package cn.datian.noticeflow.calendar;

import cn.datian.noticeflow.common.ChangeLog;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The office enters a year's holidays and make-up working days; every change is recorded. */
@Service
public class CalendarService {

  public static final String AREA = "calendar";
  static final int FIRST_YEAR = 2000;
  static final int LAST_YEAR = 2100;

  private final CalendarStore store;
  private final ChangeLog changes;
  private final ApplicationEventPublisher events;

  public CalendarService(CalendarStore store, ChangeLog changes, ApplicationEventPublisher events) {
    this.store = store;
    this.changes = changes;
    this.events = events;
  }

  public Optional<CalendarYear> find(int year) {
    return store.find(year);
  }

  public List<CalendarYear> years() {
    return store.years();
  }

  public List<ChangeLog.Entry> latestChanges() {
    return changes.latest(AREA, 50);
  }

  /**
   * Replaces the year's lists. Refused (nothing stored) if a day lies in another year, is listed
   * twice, or a make-up working day is not a weekend day; the message names every such day.
   */
  @Transactional
  public CalendarYear replace(
      int year, List<LocalDate> holidays, List<LocalDate> workdays, String source, String actor) {
    List<String> problems = new ArrayList<>();
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new IllegalArgumentException("年份应在" + FIRST_YEAR + "至" + LAST_YEAR + "之间");
    }
    List<LocalDate> h = holidays == null ? List.of() : holidays;
    List<LocalDate> w = workdays == null ? List.of() : workdays;
    if (h.stream().anyMatch(java.util.Objects::isNull)
        || w.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException("日期不能为空");
    }
    for (LocalDate d : h) {
      if (d.getYear() != year) {
        problems.add("节假日 " + d + " 不在" + year + "年");
      }
    }
    Set<LocalDate> holidaySet = new HashSet<>(h);
    for (LocalDate d : w) {
      if (d.getYear() != year) {
        problems.add("调休上班日 " + d + " 不在" + year + "年");
      }
      if (holidaySet.contains(d)) {
        problems.add(d + " 不能既是节假日又是调休上班日");
      }
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        problems.add("调休上班日 " + d + " 是工作日，只有周六、周日需要列为调休上班日");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("；", problems));
    }
    String src = source == null || source.isBlank() ? null : source.strip();
    if (src != null && src.length() > 200) {
      throw new IllegalArgumentException("依据文号过长（最多200字）");
    }
    Optional<CalendarYear> before = store.find(year);
    CalendarYear entry = new CalendarYear(year, h, w, src, null, null);
    store.replace(entry, actor);
    changes.record(actor, AREA, year + "年节假日", describe(before.orElse(null), entry));
    events.publishEvent(new CalendarChanged(year));
    return store.find(year).orElseThrow();
  }

  /** What changed, as the page shows it: counts, then the days added and removed. */
  static String describe(CalendarYear before, CalendarYear after) {
    StringBuilder s =
        new StringBuilder(before == null ? "录入" : "修改")
            .append("：节假日")
            .append(after.holidays().size())
            .append("天，调休上班日")
            .append(after.workdays().size())
            .append("天");
    if (before != null) {
      appendDiff(s, "新增节假日", after.holidays(), before.holidays());
      appendDiff(s, "取消节假日", before.holidays(), after.holidays());
      appendDiff(s, "新增调休上班日", after.workdays(), before.workdays());
      appendDiff(s, "取消调休上班日", before.workdays(), after.workdays());
    }
    if (after.source() != null) {
      s.append("；依据：").append(after.source());
    }
    return s.toString();
  }

  private static void appendDiff(
      StringBuilder s, String label, List<LocalDate> a, List<LocalDate> b) {
    List<LocalDate> only = a.stream().filter(d -> !b.contains(d)).toList();
    if (!only.isEmpty()) {
      s.append("；")
          .append(label)
          .append(' ')
          .append(String.join("、", only.stream().map(LocalDate::toString).toList()));
    }
  }
}
