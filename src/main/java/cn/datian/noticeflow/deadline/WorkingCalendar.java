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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

  private final Set<LocalDate> holidays = new HashSet<>();
  private final Set<LocalDate> makeUpWorkingDays = new HashSet<>();
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

  /** Working days from {@code from} (exclusive) to {@code to} (inclusive); negative if before. */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    int sign = to.isBefore(from) ? -1 : 1;
    LocalDate a = sign > 0 ? from : to;
    LocalDate b = sign > 0 ? to : from;
    int count = 0;
    for (LocalDate d = a.plusDays(1); !d.isAfter(b); d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        count++;
      }
    }
    return sign * count;
  }

  record CalendarFile(Map<Integer, CalendarYear> years) {}

  record CalendarYear(String source, List<LocalDate> holidays, List<LocalDate> workingDays) {
    CalendarYear {
      holidays = holidays == null ? List.of() : holidays;
      workingDays = workingDays == null ? List.of() : workingDays;
    }
  }
}
