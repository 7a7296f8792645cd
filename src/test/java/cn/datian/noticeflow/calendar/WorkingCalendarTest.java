package cn.datian.noticeflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.deadline.DeadlineProperties;
import cn.datian.noticeflow.deadline.DeadlineSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/** The official 2021 and 2026 calendars, and the reminder and escalation times they give. */
class WorkingCalendarTest {

  private final DeadlineProperties properties =
      new DeadlineProperties(
          "classpath:calendar/cn-public-holidays.yaml",
          List.of(Duration.ofDays(3), Duration.ofDays(1)),
          LocalTime.of(9, 0),
          Duration.ofDays(1));
  private final WorkingCalendar calendar =
      new WorkingCalendar(new DefaultResourceLoader(), properties.calendar());
  private final DeadlineSchedule schedule =
      new DeadlineSchedule(
          calendar,
          properties,
          new NoticeflowProperties(
              ZoneId.of("Asia/Shanghai"),
              Duration.ofDays(3),
              "classpath:directory/departments.yaml",
              new NoticeflowProperties.Demo(false, false),
              false,
              new NoticeflowProperties.Admin("admin", "")));

  @Test
  void holidaysAreOff_makeUpDaysAreOn() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2021, 9, 21))).as("中秋节").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2021, 9, 18))).as("中秋调休, a Saturday").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2021, 9, 26))).as("国庆调休, a Sunday").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2021, 10, 4))).as("国庆节, a Monday").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2021, 9, 25)))
        .as("an ordinary Saturday")
        .isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).as("2026 春节调休").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 23))).as("2026 春节").isFalse();
    assertThat(calendar.covers(2021)).isTrue();
    assertThat(calendar.covers(2026)).isTrue();
  }

  @Test
  void workingDaysAreCountedAcrossHolidaysAndMakeUpDays() {
    // back from Mon 27 Sep 2021: the Sunday before is a make-up working day
    assertThat(calendar.addWorkingDays(LocalDate.of(2021, 9, 27), -1))
        .isEqualTo(LocalDate.of(2021, 9, 26));
    // forward from Sat 18 Sep (make-up day) across 中秋 (19-21 Sep)
    assertThat(calendar.addWorkingDays(LocalDate.of(2021, 9, 18), 1))
        .isEqualTo(LocalDate.of(2021, 9, 22));
    // after 30 Sep the next working day is 8 Oct (国庆 1-7 Oct)
    assertThat(calendar.addWorkingDays(LocalDate.of(2021, 9, 30), 1))
        .isEqualTo(LocalDate.of(2021, 10, 8));
    assertThat(calendar.workingDaysBetween(LocalDate.of(2021, 9, 27), LocalDate.of(2021, 9, 30)))
        .isEqualTo(3);
  }

  /**
   * The count is arithmetic now (whole weeks, then the listed days): it must agree with walking the
   * calendar day by day, for ranges across listed and unlisted years, both ways.
   */
  @Test
  void workingDaysBetween_agreesWithCountingDayByDay_forRandomRanges() {
    java.util.Random random = new java.util.Random(20211001);
    LocalDate base = LocalDate.of(2019, 1, 1);
    for (int i = 0; i < 5000; i++) {
      LocalDate from = base.plusDays(random.nextInt(365 * 10));
      LocalDate to =
          i % 10 == 0
              ? from.plusDays(random.nextInt(8) - 4)
              : base.plusDays(random.nextInt(365 * 10));
      assertThat(calendar.workingDaysBetween(from, to))
          .as(from + " → " + to)
          .isEqualTo(dayByDay(from, to));
    }
    // a date two years out, and the largest date Java knows, cost no loop over years
    LocalDate today = LocalDate.of(2026, 12, 1);
    assertThat(calendar.workingDaysBetween(today, today.plusYears(2)))
        .isEqualTo(dayByDay(today, today.plusYears(2)));
    assertThat(calendar.workingDaysBetween(today, LocalDate.MAX)).isEqualTo(Integer.MAX_VALUE);
    assertThat(calendar.workingDaysBetween(LocalDate.MAX, today)).isEqualTo(-Integer.MAX_VALUE);
  }

  private int dayByDay(LocalDate from, LocalDate to) {
    int sign = to.isBefore(from) ? -1 : 1;
    LocalDate a = sign > 0 ? from : to;
    LocalDate b = sign > 0 ? to : from;
    int count = 0;
    for (LocalDate d = a.plusDays(1); !d.isAfter(b); d = d.plusDays(1)) {
      if (calendar.isWorkingDay(d)) {
        count++;
      }
    }
    return sign * count;
  }

  @Test
  void seedDeadline_remindsAt9OnTheWorkingDays3And1Before_andEscalatesEachWorkingDay() {
    Instant due = OffsetDateTime.parse("2021-09-30T23:59:59+08:00").toInstant();

    assertThat(schedule.reminderAt(due, Duration.ofDays(3)))
        .isEqualTo(OffsetDateTime.parse("2021-09-27T09:00:00+08:00").toInstant());
    assertThat(schedule.reminderAt(due, Duration.ofDays(1)))
        .isEqualTo(OffsetDateTime.parse("2021-09-29T09:00:00+08:00").toInstant());
    assertThat(schedule.nextEscalation(due))
        .isEqualTo(OffsetDateTime.parse("2021-10-08T23:59:59+08:00").toInstant());

    Instant before = OffsetDateTime.parse("2021-09-20T10:00:00+08:00").toInstant();
    assertThat(schedule.plan(due, before, properties.reminderOffsets(), null))
        .isEqualTo(
            new DeadlineSchedule.Plan(null, false, schedule.reminderAt(due, Duration.ofDays(3))));
    Instant atFirstReminder = schedule.reminderAt(due, Duration.ofDays(3));
    assertThat(schedule.plan(due, atFirstReminder, properties.reminderOffsets(), null))
        .isEqualTo(
            new DeadlineSchedule.Plan(
                Duration.ofDays(3), false, schedule.reminderAt(due, Duration.ofDays(1))));
    assertThat(schedule.plan(due, due, properties.reminderOffsets(), null))
        .isEqualTo(
            new DeadlineSchedule.Plan(Duration.ofDays(1), true, schedule.nextEscalation(due)));
    // escalated at the deadline; the second falls due on 8 Oct, the next on Sat 9 Oct (调休, a
    // working day)
    Instant overdueTwice = OffsetDateTime.parse("2021-10-08T23:59:59+08:00").toInstant();
    assertThat(schedule.plan(due, overdueTwice, properties.reminderOffsets(), due))
        .isEqualTo(
            new DeadlineSchedule.Plan(
                Duration.ofDays(1),
                true,
                OffsetDateTime.parse("2021-10-09T23:59:59+08:00").toInstant()));
    assertThat(
            schedule
                .plan(due, overdueTwice.minusSeconds(60), properties.reminderOffsets(), due)
                .escalationDue())
        .isFalse();
  }

  @Test
  void afterAStop_theEscalationThatFellDueGoesOutAtOnce_thenTheRhythmResumes() {
    Instant due = OffsetDateTime.parse("2021-09-30T23:59:59+08:00").toInstant();
    // escalated at the deadline; the node is down until Tue 12 Oct 10:00 (steps on 8, 9 and 11 Oct
    // passed)
    Instant back = OffsetDateTime.parse("2021-10-12T10:00:00+08:00").toInstant();
    DeadlineSchedule.Plan plan = schedule.plan(due, back, properties.reminderOffsets(), due);
    assertThat(plan.escalationDue()).as("one escalation now, not one per missed step").isTrue();
    assertThat(plan.nextChaseAt())
        .isEqualTo(OffsetDateTime.parse("2021-10-12T23:59:59+08:00").toInstant());
    // issued at 10:00: the next is the rhythm's next step
    assertThat(schedule.plan(due, back.plusSeconds(1), properties.reminderOffsets(), back))
        .isEqualTo(
            new DeadlineSchedule.Plan(
                Duration.ofDays(1),
                false,
                OffsetDateTime.parse("2021-10-12T23:59:59+08:00").toInstant()));
  }

  @Test
  void clockDurations_countTheClock_forAQuickDemo() {
    DeadlineProperties minutes =
        new DeadlineProperties(
            properties.calendar(),
            List.of(Duration.ofMinutes(4), Duration.ofMinutes(2)),
            LocalTime.of(9, 0),
            Duration.ofMinutes(3));
    DeadlineSchedule quick =
        new DeadlineSchedule(
            calendar,
            minutes,
            new NoticeflowProperties(
                ZoneId.of("Asia/Shanghai"),
                Duration.ofDays(3),
                "x",
                new NoticeflowProperties.Demo(false, false),
                false,
                new NoticeflowProperties.Admin("admin", "")));
    Instant due = Instant.parse("2026-11-25T12:00:00Z");
    assertThat(quick.reminderAt(due, Duration.ofMinutes(4)))
        .isEqualTo(Instant.parse("2026-11-25T11:56:00Z"));
    assertThat(quick.nextEscalation(due)).isEqualTo(Instant.parse("2026-11-25T12:03:00Z"));
  }
}
