package cn.datian.noticeflow.common;

import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How far ahead a deadline may lie. A date beyond any real notice's life (year 50000, or the
 * largest date Java knows) only breaks things downstream: conversions to {@code Date} overflow, the
 * board counts its working days. So every date a user gives for the future is kept between now and
 * this horizon ({@code noticeflow.date-horizon}, two years by default).
 */
@Component
public class DateWindow {

  private final Period horizon;

  public DateWindow(@Value("${noticeflow.date-horizon:P2Y}") Period horizon) {
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalStateException("noticeflow.date-horizon must be positive: " + horizon);
    }
    this.horizon = horizon;
  }

  public Period horizon() {
    return horizon;
  }

  /** The latest accepted moment, seen from now: the end of the horizon's last day. */
  public OffsetDateTime latest(ZoneId zone) {
    return EngineTime.now()
        .atZone(zone)
        .toLocalDate()
        .plus(horizon)
        .plusDays(1)
        .atStartOfDay(zone)
        .toOffsetDateTime()
        .minusSeconds(1);
  }

  public boolean isBeyond(OffsetDateTime time, ZoneId zone) {
    return time.isAfter(latest(zone));
  }

  /** "不能晚于 2028-12-01" with the horizon, for messages. */
  public String tooLate(String label, String field, ZoneId zone) {
    return label
        + "不能晚于"
        + latest(zone).toLocalDate()
        + "（今天起"
        + shown(horizon)
        + "内）("
        + field
        + " is beyond the horizon of "
        + horizon
        + ")";
  }

  private static String shown(Period p) {
    StringBuilder s = new StringBuilder();
    if (p.getYears() != 0) s.append(p.getYears()).append("年");
    if (p.getMonths() != 0) s.append(p.getMonths()).append("个月");
    if (p.getDays() != 0) s.append(p.getDays()).append("天");
    return s.toString();
  }
}
