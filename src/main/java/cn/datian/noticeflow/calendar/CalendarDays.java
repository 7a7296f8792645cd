package cn.datian.noticeflow.calendar;

import java.time.LocalDate;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The listed days of the calendar at one moment: holidays (off whatever the weekday), make-up
 * working days (调休), and the years they cover. Immutable: a reload replaces it whole.
 */
public record CalendarDays(
    NavigableSet<LocalDate> holidays, NavigableSet<LocalDate> workdays, Set<Integer> years) {

  public CalendarDays {
    holidays = Collections.unmodifiableNavigableSet(new TreeSet<>(holidays));
    workdays = Collections.unmodifiableNavigableSet(new TreeSet<>(workdays));
    years = Set.copyOf(years);
  }
}
