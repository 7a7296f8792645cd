package cn.datian.noticeflow;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notice workflow itself (the engine's own settings live under camunda.bpm).
 *
 * @param zone the zone in which a date-only deadline means "the end of that day"
 * @param acknowledgeWithin how long recipients have to acknowledge when a notice names no date
 *     (whole days count working days)
 * @param directory where the department directory is read from
 * @param demo what the default profile seeds for a newcomer
 * @param production a production profile: refuses demo users and default passwords
 * @param admin the administrator a production profile creates, password from the environment
 */
@ConfigurationProperties("noticeflow")
public record NoticeflowProperties(
    @DefaultValue("Asia/Shanghai") ZoneId zone,
    @DefaultValue("P3D") Duration acknowledgeWithin,
    @DefaultValue("classpath:directory/departments.yaml") String directory,
    @DefaultValue Demo demo,
    @DefaultValue("false") boolean production,
    @DefaultValue Admin admin) {

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** A point in time as forms and mails show it: local to the configured zone, to the minute. */
  public String shown(OffsetDateTime time) {
    return time.atZoneSameInstant(zone).format(SHOWN);
  }

  /**
   * @param users create the demo users (password "demo"); never in production
   * @param notice issue the seed notice on start-up unless one is already running
   */
  public record Demo(@DefaultValue("false") boolean users, @DefaultValue("false") boolean notice) {}

  /** Camunda's administrator in production; the password must come from the environment. */
  public record Admin(@DefaultValue("admin") String user, @DefaultValue("") String password) {}
}
