package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.NoticeflowProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * When to remind and when to escalate, for one deadline. Whole days count working days on the
 * {@link WorkingCalendar}; a day-based reminder goes out at the configured time of day on the
 * working day it falls on. Clock durations (PT2M) count the clock.
 */
@Component
public class DeadlineSchedule {

  private final WorkingCalendar calendar;
  private final DeadlineProperties properties;
  private final ZoneId zone;

  public DeadlineSchedule(
      WorkingCalendar calendar, DeadlineProperties properties, NoticeflowProperties noticeflow) {
    this.calendar = calendar;
    this.properties = properties;
    this.zone = noticeflow.zone();
  }

  /** What is due at {@code now} for a deadline, and when to look again. */
  public record Plan(Duration reminderDue, int escalationLevel, Instant nextChaseAt) {}

  public Plan plan(Instant due, Instant now, List<Duration> offsets) {
    if (now.isBefore(due)) {
      Duration reminderDue = null;
      Instant next = due;
      for (Duration offset : offsets.stream().sorted(Comparator.reverseOrder()).toList()) {
        Instant at = reminderAt(due, offset);
        if (!at.isAfter(now)) {
          reminderDue = offset; // the latest one passed: a late wake-up sends one, not all
        } else if (at.isBefore(next)) {
          next = at;
        }
      }
      return new Plan(reminderDue, 0, next);
    }
    int level = 1;
    Instant at = due;
    Instant following = nextEscalation(at);
    while (!following.isAfter(now)) {
      level++;
      at = following;
      following = nextEscalation(at);
    }
    return new Plan(null, level, following);
  }

  public List<Duration> defaultOffsets() {
    return properties.reminderOffsets();
  }

  public Instant reminderAt(Instant due, Duration offset) {
    if (isWholeDays(offset)) {
      LocalDate dueDay = due.atZone(zone).toLocalDate();
      LocalDate day = calendar.addWorkingDays(dueDay, (int) -offset.toDays());
      Instant at = day.atTime(properties.reminderTime()).atZone(zone).toInstant();
      return at.isBefore(due) ? at : due.minus(Duration.ofMinutes(1));
    }
    return due.minus(offset);
  }

  public Instant nextEscalation(Instant previous) {
    Duration interval = properties.escalationInterval();
    if (isWholeDays(interval)) {
      ZonedDateTime at = previous.atZone(zone);
      LocalDate day = calendar.addWorkingDays(at.toLocalDate(), (int) interval.toDays());
      return day.atTime(at.toLocalTime()).atZone(zone).toInstant();
    }
    return previous.plus(interval);
  }

  /** Working days left until the deadline's day (negative: overdue by that many). */
  public int workingDaysLeft(Instant due, Instant now) {
    return calendar.workingDaysBetween(now.atZone(zone).toLocalDate(), due.atZone(zone).toLocalDate());
  }

  static boolean isWholeDays(Duration d) {
    return !d.isZero() && d.toSeconds() % 86_400 == 0;
  }
}
