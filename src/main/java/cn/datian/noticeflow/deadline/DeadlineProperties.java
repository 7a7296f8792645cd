package cn.datian.noticeflow.deadline;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the engine chases departments. Durations are ISO-8601: whole days count working days (P3D =
 * three working days), hours and minutes count the clock (PT2M = two minutes), so a demo can run a
 * whole cycle in minutes.
 *
 * @param calendar the public-holiday calendar
 * @param reminderOffsets how long before each deadline to remind (default 3 and 1 working days)
 * @param reminderTime the time of day at which day-based reminders go out
 * @param escalationInterval how often to escalate again while a department stays overdue
 */
@ConfigurationProperties("noticeflow.deadlines")
public record DeadlineProperties(
    @DefaultValue("classpath:calendar/cn-public-holidays.yaml") String calendar,
    @DefaultValue({"P3D", "P1D"}) List<Duration> reminderOffsets,
    @DefaultValue("09:00") LocalTime reminderTime,
    @DefaultValue("P1D") Duration escalationInterval) {}
