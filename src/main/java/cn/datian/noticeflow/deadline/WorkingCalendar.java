package cn.datian.noticeflow.deadline;

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
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * China's working days: weekends off, public holidays off, make-up working days (调休) on. The
 * official calendar is data ({@code calendar/cn-public-holidays.yaml}); a year it does not list
 * counts weekends only.
 */
@Component
public class WorkingCalendar {

  private static final Logger log = LoggerFactory.getLogger(WorkingCalendar.class);

  // sorted, so that a range of days can be adjusted by the few listed days inside it
  private final NavigableSet<LocalDate> holidays = new TreeSet<>();
  private final NavigableSet<LocalDate> makeUpWorkingDays = new TreeSet<>();
  private final Set<Integer> years;

  @Autowired
  public WorkingCalendar(ResourceLoader resourceLoader, DeadlineProperties properties) {
    this(read(resourceLoader, properties.calendar()));
  }

  WorkingCalendar(CalendarFile file) {
    Map<Integer, CalendarYear> byYear = new TreeMap<>(file.years());
    byYear.forEach(
        (year, data) -> {
          for (LocalDate d : data.holidays()) {
            requireYear(year, d);
            holidays.add(d);
          }
          for (LocalDate d : data.workingDays()) {
            requireYear(year, d);
            makeUpWorkingDays.add(d);
          }
        });
    this.years = Set.copyOf(byYear.keySet());
    log.info("Working calendar covers {}", byYear.keySet());
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
    return years.contains(year);
  }

  public boolean isWorkingDay(LocalDate day) {
    if (makeUpWorkingDays.contains(day)) {
      return true;
    }
    if (holidays.contains(day)) {
      return false;
    }
    DayOfWeek weekday = day.getDayOfWeek();
    return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
  }

  /** The working day {@code n} working days after {@code day} (n may be negative: before). */
  public LocalDate addWorkingDays(LocalDate day, int n) {
    int step = n >= 0 ? 1 : -1;
    LocalDate current = day;
    for (int left = Math.abs(n); left > 0; ) {
      current = current.plusDays(step);
      if (isWorkingDay(current)) {
        left--;
      }
    }
    return current;
  }

  /**
   * Working days from {@code from} (exclusive) to {@code to} (inclusive); negative if before.
   * The same cost for any two dates (the board counts it for every row): whole weeks are
   * counted arithmetically, then the listed holidays and make-up days inside the range
   * correct the count.
   */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    int sign = to.isBefore(from) ? -1 : 1;
    LocalDate a = sign > 0 ? from : to;
    LocalDate b = sign > 0 ? to : from;
    long count = weekdaysBetween(a, b);
    for (LocalDate h : holidays.subSet(a, false, b, true)) {
      if (!isWeekend(h) && !makeUpWorkingDays.contains(h)) {
        count--; // a weekday off
      }
    }
    for (LocalDate w : makeUpWorkingDays.subSet(a, false, b, true)) {
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

  record CalendarFile(Map<Integer, CalendarYear> years) {}

  record CalendarYear(String source, List<LocalDate> holidays, List<LocalDate> workingDays) {
    CalendarYear {
      holidays = holidays == null ? List.of() : holidays;
      workingDays = workingDays == null ? List.of() : workingDays;
    }
  }
}
