package cn.datian.noticeflow.notice;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.directory.Participation;
import cn.datian.noticeflow.response.RecipientStage;
import cn.datian.noticeflow.response.WhatIsOwed;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration V10 stores what every existing recipient owes, by when, and its standing, in SQL
 * written once for that migration: for every stage, participation, notice state and own deadline
 * (or none), it stores exactly what {@link WhatIsOwed} — the rule the application keeps the columns
 * with from then on — says.
 */
class ObligationBackfillTest {

  static final OffsetDateTime ACKNOWLEDGE_BY = OffsetDateTime.parse("2021-09-15T23:59:59+08:00");
  static final OffsetDateTime DEADLINE = OffsetDateTime.parse("2021-09-30T23:59:59+08:00");
  static final OffsetDateTime EXTENDED = OffsetDateTime.parse("2021-10-15T23:59:59+08:00");

  /** Where the migrations run: a fresh, empty database. */
  protected DataSource database() {
    return new DriverManagerDataSource(
        "jdbc:h2:mem:obligation-backfill;DB_CLOSE_DELAY=-1", "sa", "");
  }

  @Test
  void v10_storesForEveryExistingRecipient_whatTheRuleSays() {
    DataSource dataSource = database();
    migrate(dataSource, versionBefore10(dataSource));
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    List<Case> cases = new ArrayList<>();
    for (NoticeState state :
        List.of(NoticeState.PUBLISHED, NoticeState.CONSOLIDATING, NoticeState.CLOSED)) {
      String noticeId = "backfill-" + state.name();
      jdbc.update(
          """
          insert into notice (id, title, issuer, issued_on, body, deadline, acknowledge_by, state, created_at)
          values (?, '回填', '办公室', date '2021-09-13', '正文', ?, ?, ?, ?)
          """,
          noticeId,
          ts(DEADLINE),
          ts(ACKNOWLEDGE_BY),
          state.name(),
          ts(ACKNOWLEDGE_BY));
      for (RecipientStage stage : RecipientStage.values()) {
        for (Participation participation : Participation.values()) {
          for (OffsetDateTime dueAt : new OffsetDateTime[] {null, EXTENDED}) {
            String department = stage + "-" + participation + (dueAt == null ? "" : "-extended");
            jdbc.update(
                """
                insert into notice_recipient (notice_id, department_id, participation, stage, stage_since, review_rounds, due_at)
                values (?, ?, ?, ?, ?, 0, ?)
                """,
                noticeId,
                department,
                participation.name(),
                stage.name(),
                ts(ACKNOWLEDGE_BY),
                ts(dueAt));
            cases.add(
                new Case(
                    noticeId,
                    department,
                    WhatIsOwed.stored(
                        stage,
                        participation,
                        ACKNOWLEDGE_BY,
                        dueAt == null ? DEADLINE : dueAt,
                        state)));
          }
        }
      }
    }

    migrate(dataSource, "10");

    assertThat(cases)
        .hasSize(3 * RecipientStage.values().length * Participation.values().length * 2);
    for (Case c : cases) {
      WhatIsOwed stored =
          jdbc.queryForObject(
              "select owed, owed_by, standing from notice_recipient where notice_id = ? and department_id = ?",
              (rs, i) ->
                  new WhatIsOwed(
                      rs.getString("owed") == null
                          ? null
                          : WhatIsOwed.Owed.valueOf(rs.getString("owed")),
                      rs.getObject("owed_by", OffsetDateTime.class),
                      WhatIsOwed.Standing.ofCode(rs.getInt("standing"))),
              c.noticeId(),
              c.departmentId());
      assertThat(stored.owed())
          .as(c.noticeId() + " " + c.departmentId() + " owes")
          .isEqualTo(c.expected().owed());
      assertThat(stored.owedBy().toInstant())
          .as(c.noticeId() + " " + c.departmentId() + " by")
          .isEqualTo(c.expected().owedBy().toInstant());
      assertThat(stored.standing())
          .as(c.noticeId() + " " + c.departmentId() + " standing")
          .isEqualTo(c.expected().standing());
    }
  }

  record Case(String noticeId, String departmentId, WhatIsOwed expected) {}

  private static void migrate(DataSource dataSource, String target) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .target(target)
        .load()
        .migrate();
  }

  /** The last migration before V10, whichever it is (V9 may come from another branch, or not). */
  private static String versionBefore10(DataSource dataSource) {
    MigrationVersion v10 = MigrationVersion.fromVersion("10");
    return Arrays.stream(
            Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .info()
                .all())
        .map(MigrationInfo::getVersion)
        .filter(v -> v.compareTo(v10) < 0)
        .max(Comparator.naturalOrder())
        .orElseThrow()
        .getVersion();
  }

  private static Timestamp ts(OffsetDateTime t) {
    return t == null ? null : Timestamp.from(t.toInstant());
  }
}
