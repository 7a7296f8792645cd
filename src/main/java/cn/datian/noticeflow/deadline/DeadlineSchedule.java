package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.calendar.WorkingCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * When to remind and when to escalate, for one deadline. Whole days count working days on the
 * {@link WorkingCalendar}; a day-based reminder goes out at the configured time of day on the
 * working day it falls on. Clock durations (PT2M) count the clock.
 */
@Component
public class DeadlineSchedule {

  /** A deadline this many working days away or fewer is "due soon" (yellow on the board). */
  public static final int DUE_SOON_WORKING_DAYS = 3;

  private final WorkingCalendar calendar;
  private final DeadlineProperties properties;
  private final ZoneId zone;

  public DeadlineSchedule(
      WorkingCalendar calendar, DeadlineProperties properties, NoticeflowProperties noticeflow) {
    this.calendar = calendar;
    this.properties = properties;
    this.zone = noticeflow.zone();
  }

  /**
   * What is due at {@code now} for a deadline, and when to look again.
   *
   * @param reminderDue the latest reminder offset whose time has come (null: none yet); a late
   *     wake-up sends that one, not all, and a wake-up after the deadline still sends the last
   *     reminder if it never went (the mail log's key makes a repeat a no-op)
   * @param escalationDue an escalation is due now: the first once the deadline passed, then the
   *     next one at each later step of the escalation rhythm
   */
  public record Plan(Duration reminderDue, boolean escalationDue, Instant nextChaseAt) {}

  /**
   * @param lastEscalation when this deadline was last escalated (null: never). The rhythm counts
   *     from the deadline (due, due + interval, …): after a stop (a restart, a node down) the
   *     escalation that fell due goes out at once, and the next one at the next step of the rhythm
   *     after it; none is skipped, and levels count the escalations actually issued.
   */
  public Plan plan(Instant due, Instant now, List<Duration> offsets, Instant lastEscalation) {
    Duration reminderDue = null;
    Instant next = due;
    for (Duration offset : offsets.stream().sorted(Comparator.reverseOrder()).toList()) {
      Instant at = reminderAt(due, offset);
      if (!at.isAfter(now)) {
        reminderDue = offset; // the latest one passed
      } else if (at.isBefore(next)) {
        next = at;
      }
    }
    if (now.isBefore(due)) {
      return new Plan(reminderDue, false, next);
    }
    Instant escalateAt = lastEscalation == null ? due : escalationAfter(due, lastEscalation);
    boolean escalationDue = !escalateAt.isAfter(now);
    return new Plan(
        reminderDue, escalationDue, escalationDue ? escalationAfter(due, now) : escalateAt);
  }

  /** The first step of the escalation rhythm (due, then every interval) after {@code time}. */
  Instant escalationAfter(Instant due, Instant time) {
    Instant at = due;
    for (int step = 0; !at.isAfter(time) && step < 100_000; step++) {
      at = nextEscalation(at);
    }
    return at;
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

  /**
   * Deadlines before this instant are due soon at {@code now}: it is the start of the working day
   * after the {@value #DUE_SOON_WORKING_DAYS}th, so that exactly the deadlines with {@link
   * #workingDaysLeft} of {@value #DUE_SOON_WORKING_DAYS} or fewer fall before it.
   */
  public Instant dueSoonLimit(Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    return calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS + 1).atStartOfDay(zone).toInstant();
  }

  /** Working days left until the deadline's day (negative: overdue by that many). */
  public int workingDaysLeft(Instant due, Instant now) {
    return calendar.workingDaysBetween(
        now.atZone(zone).toLocalDate(), due.atZone(zone).toLocalDate());
  }

  static boolean isWholeDays(Duration d) {
    return !d.isZero() && d.toSeconds() % 86_400 == 0;
  }

  /**
   * When a task with this due date becomes "due soon": the start of the day {@value
   * #DUE_SOON_WORKING_DAYS} working days before it. Used as the task's follow-up date, which is
   * what Tasklist's 即将到期 filter queries (a stored filter can compare dates, not count working
   * days).
   */
  public Date dueSoonFrom(Date due) {
    if (due == null) {
      return null;
    }
    LocalDate dueDay = due.toInstant().atZone(zone).toLocalDate();
    Instant from =
        calendar.addWorkingDays(dueDay, -DUE_SOON_WORKING_DAYS).atStartOfDay(zone).toInstant();
    return Date.from(from.isBefore(due.toInstant()) ? from : due.toInstant());
  }
}
