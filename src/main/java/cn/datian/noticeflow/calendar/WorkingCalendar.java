package cn.datian.noticeflow.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * China's working days: weekends off, public holidays off, make-up working days (调休) on. The office
 * enters each year's days in the application ({@code calendar.CalendarStore}, the page
 * /directory/holidays); {@code calendar/cn-public-holidays.yaml} seeds the database on the first
 * start only. A year not entered counts weekends only (the board and the health endpoint warn from
 * 1 November when next year is missing).
 *
 * <p>Every call reads the current days from the store (a version check, reloaded only when another
 * node or request changed them), so all nodes count alike the moment a change commits.
 */
@Component
public class WorkingCalendar {

  private static final Logger log = LoggerFactory.getLogger(WorkingCalendar.class);

  static final String DEFAULT_SEED = "classpath:calendar/cn-public-holidays.yaml";

  private final Supplier<CalendarDays> days;

  /**
   * @param seed the holiday file the first start stores ({@code noticeflow.deadlines.calendar})
   */
  @Autowired
  public WorkingCalendar(
      ResourceLoader resourceLoader,
      @Value("${noticeflow.deadlines.calendar:" + DEFAULT_SEED + "}") String seed,
      CalendarStore store) {
    store.seedWith(() -> seedOf(read(resourceLoader, seed)));
    this.days = store::current;
  }

  /** A fixed calendar from the resource file (unit tests, tools): no database. */
  public WorkingCalendar(ResourceLoader resourceLoader, String seed) {
    this(read(resourceLoader, seed));
  }

  WorkingCalendar(CalendarFile file) {
    List<CalendarYear> years = seedOf(file);
    CalendarDays fixed =
        new CalendarDays(
            new TreeSet<>(years.stream().flatMap(y -> y.holidays().stream()).toList()),
            new TreeSet<>(years.stream().flatMap(y -> y.workdays().stream()).toList()),
            years.stream().map(CalendarYear::year).collect(java.util.stream.Collectors.toSet()));
    this.days = () -> fixed;
    log.info("Working calendar covers {}", new TreeSet<>(fixed.years()));
  }

  /** The resource file's years, checked: each lists days of its own year only. */
  static List<CalendarYear> seedOf(CalendarFile file) {
    Map<Integer, CalendarFileYear> byYear = new TreeMap<>(file.years());
    List<CalendarYear> years = new ArrayList<>();
    byYear.forEach(
        (year, data) -> {
          data.holidays().forEach(d -> requireYear(year, d));
          data.workingDays().forEach(d -> requireYear(year, d));
          years.add(
              new CalendarYear(
                  year, data.holidays(), data.workingDays(), data.source(), null, null));
        });
    return years;
  }

  private static void requireYear(int year, LocalDate day) {
    if (day.getYear() != year) {
      throw new IllegalStateException("Calendar year " + year + " lists " + day);
    }
  }

  private static CalendarFile read(ResourceLoader resourceLoader, String location) {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
    try (InputStream in = resourceLoader.getResource(location).getInputStream()) {
      return yaml.readValue(in, CalendarFile.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the working calendar " + location, e);
    }
  }

  public boolean covers(int year) {
    return days.get().years().contains(year);
  }

  public boolean isWorkingDay(LocalDate day) {
    return isWorkingDay(days.get(), day);
  }

  private static boolean isWorkingDay(CalendarDays listed, LocalDate day) {
    if (listed.workdays().contains(day)) {
      return true;
    }
    if (listed.holidays().contains(day)) {
      return false;
    }
    DayOfWeek weekday = day.getDayOfWeek();
    return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
  }

  /** The working day {@code n} working days after {@code day} (n may be negative: before). */
  public LocalDate addWorkingDays(LocalDate day, int n) {
    CalendarDays listed = days.get(); // one read for the whole walk
    int step = n >= 0 ? 1 : -1;
    LocalDate current = day;
    for (int left = Math.abs(n); left > 0; ) {
      current = current.plusDays(step);
      if (isWorkingDay(listed, current)) {
        left--;
      }
    }
    return current;
  }

  /**
   * Working days from {@code from} (exclusive) to {@code to} (inclusive); negative if before. The
   * same cost for any two dates (the board counts it for every row): whole weeks are counted
   * arithmetically, then the listed holidays and make-up days inside the range correct the count.
   */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    int sign = to.isBefore(from) ? -1 : 1;
    LocalDate a = sign > 0 ? from : to;
    LocalDate b = sign > 0 ? to : from;
    CalendarDays listed = days.get();
    long count = weekdaysBetween(a, b);
    for (LocalDate h : listed.holidays().subSet(a, false, b, true)) {
      if (!isWeekend(h) && !listed.workdays().contains(h)) {
        count--; // a weekday off
      }
    }
    for (LocalDate w : listed.workdays().subSet(a, false, b, true)) {
      if (isWeekend(w)) {
        count++; // a weekend day worked (调休)
      }
    }
    return (int) Math.max(Integer.MIN_VALUE + 1L, Math.min(Integer.MAX_VALUE, sign * count));
  }

  /** Monday to Friday in (a, b], a not after b: whole weeks times five, then the rest. */
  static long weekdaysBetween(LocalDate a, LocalDate b) {
    long days = ChronoUnit.DAYS.between(a, b);
    long count = days / 7 * 5;
    int dow = a.getDayOfWeek().getValue(); // 1 = Monday
    for (long i = 0, rest = days % 7; i < rest; i++) {
      dow = dow % 7 + 1;
      if (dow <= 5) {
        count++;
      }
    }
    return count;
  }

  private static boolean isWeekend(LocalDate day) {
    DayOfWeek weekday = day.getDayOfWeek();
    return weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
  }

  record CalendarFile(Map<Integer, CalendarFileYear> years) {}

  record CalendarFileYear(String source, List<LocalDate> holidays, List<LocalDate> workingDays) {
    CalendarFileYear {
      holidays = holidays == null ? List.of() : holidays;
      workingDays = workingDays == null ? List.of() : workingDays;
    }
  }
}
