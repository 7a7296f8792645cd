package cn.datian.noticeflow.calendar;

import cn.datian.noticeflow.common.EngineTime;
import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The working calendar's listed days, in the database (tables {@code calendar_*}, V8).
 *
 * <p>Several nodes share the database, so no node may trust what it read a while ago: every read
 * checks {@code calendar_version} (one primary-key row) and reloads the days only when the version
 * moved. Within one HTTP request the version is read once (the board counts working days for every
 * row). The resource file seeds the table on the very first start only; which node seeds is decided
 * by the version row (0 = never seeded), so two nodes starting together seed once.
 */
@Repository
public class CalendarStore {

  private static final Logger log = LoggerFactory.getLogger(CalendarStore.class);
  private static final String REQUEST_KEY = CalendarStore.class.getName() + ".days";

  private record Loaded(long version, CalendarDays days) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private volatile Loaded cached;
  private volatile Supplier<List<CalendarYear>> seed = List::of;
  private volatile boolean seeded;

  public CalendarStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactionManager);
  }

  /** What the first start stores, if the table was never seeded (read lazily, once). */
  public void seedWith(Supplier<List<CalendarYear>> seed) {
    this.seed = seed;
  }

  /** The listed days as the database holds them now. */
  public CalendarDays current() {
    ensureSeeded();
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null
        && request.getAttribute(REQUEST_KEY, RequestAttributes.SCOPE_REQUEST)
            instanceof CalendarDays d) {
      return d;
    }
    long version = version();
    Loaded loaded = cached;
    if (loaded == null || loaded.version() != version) {
      loaded = load(version);
      cached = loaded;
    }
    if (request != null) {
      request.setAttribute(REQUEST_KEY, loaded.days(), RequestAttributes.SCOPE_REQUEST);
    }
    return loaded.days();
  }

  public long version() {
    return jdbc.queryForObject("select version from calendar_version where id = 1", Long.class);
  }

  /** Loads the days; the version was read first, so a change in between only causes a reload. */
  private Loaded load(long version) {
    Set<LocalDate> holidays = new HashSet<>();
    Set<LocalDate> workdays = new HashSet<>();
    jdbc.query(
        "select day_date, kind from calendar_day",
        rs -> {
          LocalDate day = rs.getObject(1, LocalDate.class);
          ("WORKDAY".equals(rs.getString(2)) ? workdays : holidays).add(day);
        });
    Set<Integer> years =
        new HashSet<>(jdbc.queryForList("select year_no from calendar_year", Integer.class));
    return new Loaded(
        version, new CalendarDays(new TreeSet<>(holidays), new TreeSet<>(workdays), years));
  }

  public List<CalendarYear> years() {
    ensureSeeded();
    List<CalendarYear> all = new ArrayList<>();
    for (Integer y :
        jdbc.queryForList("select year_no from calendar_year order by year_no", Integer.class)) {
      find(y).ifPresent(all::add);
    }
    return all;
  }

  public Optional<CalendarYear> find(int year) {
    ensureSeeded();
    List<Object[]> head =
        jdbc.query(
            "select source, updated_at, updated_by from calendar_year where year_no = ?",
            (rs, i) ->
                new Object[] {
                  rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3)
                },
            year);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    List<LocalDate> holidays = days(year, "HOLIDAY");
    List<LocalDate> workdays = days(year, "WORKDAY");
    Object[] h = head.get(0);
    OffsetDateTime at =
        h[1] == null ? null : ((OffsetDateTime) h[1]).withOffsetSameInstant(ZoneOffset.UTC);
    return Optional.of(
        new CalendarYear(year, holidays, workdays, (String) h[0], at, (String) h[2]));
  }

  private List<LocalDate> days(int year, String kind) {
    return jdbc
        .queryForList(
            "select day_date from calendar_day where year_no = ? and kind = ? order by day_date",
            Date.class,
            year,
            kind)
        .stream()
        .map(Date::toLocalDate)
        .toList();
  }

  /**
   * Replaces one year's listed days, in the caller's transaction, and moves the version so that
   * every node reloads on its next read (this request's own copy is dropped too).
   */
  public void replace(CalendarYear entry, String actor) {
    int updated =
        jdbc.update(
            "update calendar_year set source = ?, updated_at = ?, updated_by = ? where year_no = ?",
            entry.source(),
            EngineTime.nowUtc(),
            actor,
            entry.year());
    if (updated == 0) {
      jdbc.update(
          "insert into calendar_year (year_no, source, updated_at, updated_by) values (?, ?, ?, ?)",
          entry.year(),
          entry.source(),
          EngineTime.nowUtc(),
          actor);
    }
    jdbc.update("delete from calendar_day where year_no = ?", entry.year());
    List<Object[]> rows = new ArrayList<>();
    entry
        .holidays()
        .forEach(d -> rows.add(new Object[] {Date.valueOf(d), entry.year(), "HOLIDAY"}));
    entry
        .workdays()
        .forEach(d -> rows.add(new Object[] {Date.valueOf(d), entry.year(), "WORKDAY"}));
    jdbc.batchUpdate("insert into calendar_day (day_date, year_no, kind) values (?, ?, ?)", rows);
    jdbc.update("update calendar_version set version = version + 1 where id = 1");
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.removeAttribute(REQUEST_KEY, RequestAttributes.SCOPE_REQUEST);
    }
  }

  private void ensureSeeded() {
    if (seeded) {
      return;
    }
    tx.executeWithoutResult(
        status -> {
          // the row lock decides: the node that moves 0 to 1 seeds, the others find 1
          if (jdbc.update("update calendar_version set version = 1 where id = 1 and version = 0")
              == 1) {
            List<CalendarYear> years = seed.get();
            for (CalendarYear y : years) {
              replace(y, "system");
            }
            log.info(
                "Working calendar seeded with {} from the resource file",
                years.stream().map(CalendarYear::year).toList());
          }
        });
    seeded = true;
  }
}
