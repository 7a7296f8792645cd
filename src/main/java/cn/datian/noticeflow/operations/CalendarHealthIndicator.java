package cn.datian.noticeflow.operations;

import cn.datian.noticeflow.calendar.CalendarCoverage;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code calendar}: DEGRADED (works, but deadlines count weekends only) from 1
 * November while next year's holidays are not entered, or when this year's are missing. Outside the
 * readiness group: a missing year never takes a node out of service.
 */
@Component("calendarHealthIndicator")
public class CalendarHealthIndicator implements HealthIndicator {

  static final Status DEGRADED = new Status("DEGRADED", "holidays of a year are missing");

  private final CalendarCoverage coverage;

  public CalendarHealthIndicator(CalendarCoverage coverage) {
    this.coverage = coverage;
  }

  @Override
  public Health health() {
    Optional<Integer> missing = coverage.missingYear();
    return missing
        .map(y -> Health.status(DEGRADED).withDetail("missingYear", y).build())
        .orElseGet(() -> Health.up().build());
  }
}
