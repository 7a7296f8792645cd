package cn.datian.noticeflow.calendar;

/**
 * The office changed a year's holidays: published in the changing transaction, handled after it
 * commits (deadline.CalendarReplan plans reminders and due-soon dates afresh).
 */
public record CalendarChanged(int year) {}
