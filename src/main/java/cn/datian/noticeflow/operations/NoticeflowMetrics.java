package cn.datian.noticeflow.operations;

import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.mail.MailBacklog;
import cn.datian.noticeflow.mail.MailState;
import cn.datian.noticeflow.response.RecipientStage;
import cn.datian.noticeflow.response.WhatIsOwed;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What operations watch, at /actuator/prometheus: departments per stage, overdue departments, mails
 * per state, unsent mails and the age of the oldest, open incidents. Read from the shared database
 * at scrape time, so every node reports the same figures.
 */
@Component
public class NoticeflowMetrics {

  public NoticeflowMetrics(
      MeterRegistry registry,
      JdbcClient jdbc,
      RuntimeService runtimeService,
      MailBacklog mailBacklog) {
    for (RecipientStage stage : RecipientStage.values()) {
      Gauge.builder(
              "noticeflow.departments",
              () ->
                  count(
                      jdbc,
                      "select count(*) from notice_recipient where stage = '" + stage.name() + "'"))
          .tag("stage", stage.code())
          .description("Department responses by stage")
          .register(registry);
    }
    Gauge.builder("noticeflow.departments.overdue", () -> overdue(jdbc))
        .description(
            "Departments past a deadline (acknowledgement or summary) that still owe the work")
        .register(registry);
    for (MailState state : MailState.values()) {
      Gauge.builder(
              "noticeflow.mails",
              () ->
                  count(jdbc, "select count(*) from mail_log where state = '" + state.name() + "'"))
          .tag("state", state.name().toLowerCase())
          .description("Mails by state")
          .register(registry);
    }
    // the outbox: how much waits and for how long (alert on the age, not on single failures)
    Gauge.builder("noticeflow.mails.unsent", () -> mailBacklog.status().unsent())
        .description("Mails waiting to be sent (pending or failed, to be retried)")
        .register(registry);
    Gauge.builder(
            "noticeflow.mails.oldest.unsent.age",
            () -> mailBacklog.status().oldestAge().toSeconds())
        .baseUnit("seconds")
        .description("How long the oldest unsent mail has waited (0 when none waits)")
        .register(registry);
    Gauge.builder("noticeflow.incidents.open", () -> runtimeService.createIncidentQuery().count())
        .description("Open Camunda incidents (failed jobs)")
        .register(registry);
  }

  private static double count(JdbcClient jdbc, String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private static double overdue(JdbcClient jdbc) {
    OffsetDateTime now = EngineTime.nowUtc();
    // the stored obligation (WhatIsOwed), read from the board's index: an enterprise's silence
    // owes nothing, so it is never counted here
    return jdbc.sql("select count(*) from notice_recipient r where " + WhatIsOwed.OVERDUE_SQL)
        .param("now", now)
        .query(Long.class)
        .single();
  }
}
