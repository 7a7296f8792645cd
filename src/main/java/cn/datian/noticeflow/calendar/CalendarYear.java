package cn.datian.noticeflow.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One year as the office entered it (the State Council's yearly notice on holidays).
 *
 * @param holidays days off whatever the weekday
 * @param workdays weekend days worked (调休)
 * @param source where the dates come from (国办发明电〔…〕…号), may be null
 * @param updatedAt when it was last changed (null before it is stored)
 * @param updatedBy who changed it last (null before it is stored)
 */
public record CalendarYear(
    int year,
    List<LocalDate> holidays,
    List<LocalDate> workdays,
    String source,
    OffsetDateTime updatedAt,
    String updatedBy) {

  public CalendarYear {
    holidays = holidays == null ? List.of() : holidays.stream().sorted().distinct().toList();
    workdays = workdays == null ? List.of() : workdays.stream().sorted().distinct().toList();
  }
}
