package cn.datian.noticeflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.deadline.DeadlineSchedule;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.oversight.BoardQueryPlans;
import cn.datian.noticeflow.response.ResponseRepository;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * 3. The oversight board with 1k, 10k and 100k open department rows: latency of the overdue query
 * (GET /api/oversight/overdue) and of the board page (GET /oversight, first page), over HTTP as a
 * supervisor, against a plain 100-row select on the same table.
 *
 * <p>The rows are written straight into the notice tables (100 notices of 1,000 departments): the
 * board reads only those tables, and driving 100k departments through the engine would measure the
 * fan-out instead (benchmark 2). 5% are overdue, 10% due soon, 5% declined.
 */
class OversightBenchmark extends BenchmarkSupport {

  static final int PER_NOTICE = 1000;
  static final int REQUESTS = Integer.getInteger("bench.oversight.requests", 40);
  static final int[] LEVELS = {1_000, 10_000, 100_000};

  @Autowired JdbcTemplate jdbc;
  @Autowired NoticeRepository notices;
  @Autowired ResponseRepository recipientRows;
  @Autowired DeadlineSchedule schedule;

  @AfterEach
  void removeSeededRows() {
    jdbc.update("delete from notice_recipient where notice_id like 'bench-%'");
    jdbc.update("delete from notice where id like 'bench-%'");
  }

  @Test
  void boardAndOverdueQuery_at1k10k100kRows() {
    StringBuilder table =
        new StringBuilder(
            """
        | open rows | overdue rows | overdue API p50 / p95 | board page p50 / p95 | baseline: plain 100-row select p50 / p95 |
        |---|---|---|---|---|
        """);
    int seeded = 0;
    for (int level : LEVELS) {
      while (seeded < level) {
        seedNotice(seeded / PER_NOTICE);
        seeded += PER_NOTICE;
      }
      if (BenchmarkReport.database().equals("postgres")) {
        // what autovacuum does to a live table soon after: statistics, and the visibility map
        // that lets the counts read the index alone (a bulk insert leaves neither)
        jdbc.execute("vacuum analyze notice_recipient");
        jdbc.execute("analyze notice");
      }
      int overdueRows =
          get("/api/oversight/overdue").getBody().split("\"light\":\"red\"", -1).length - 1;
      assertThat(overdueRows).isGreaterThanOrEqualTo(level / 20);
      Stats overdue = measure(() -> get("/api/oversight/overdue"));
      Stats board = measure(() -> get("/oversight"));
      Stats plain =
          measure(
              () -> {
                jdbc.queryForList(
                    "select * from notice_recipient where stage = 'EXECUTING' order by department_id limit 100");
                return null;
              });
      table.append(
          "| %,d | %,d | %s | %s | %s |%n".formatted(level, overdueRows, overdue, board, plain));
    }
    // how the database reads the board at the last level: its index, not every open recipient
    StringBuilder plans = new StringBuilder();
    Instant now = Instant.now();
    BoardQueryPlans.explain(
            new NamedParameterJdbcTemplate(jdbc),
            BenchmarkReport.database().equals("postgres"),
            now,
            schedule.dueSoonLimit(now))
        .forEach(
            (name, plan) ->
                plans
                    .append("\n")
                    .append(name)
                    .append(":\n\n```\n")
                    .append(plan.strip())
                    .append("\n```\n"));
    BenchmarkReport.publish(
        "3. Oversight board",
        table
            + """

        %d requests per figure after 5 warm-up requests, one client, Basic authentication on every
        request (Camunda's identity check is part of each figure). The board page shows 100 rows and the
        count of each light; the overdue API returns every overdue row. On PostgreSQL the table is
        vacuumed and analyzed after seeding, as autovacuum would soon after a bulk insert.
        Goal: board p95 < 100 ms at 100k.

        <details><summary>Query plans at %,d rows (EXPLAIN ANALYZE)</summary>
        %s
        </details>
        """
                .formatted(REQUESTS, LEVELS[LEVELS.length - 1], plans));
  }

  private void seedNotice(int n) {
    String id = "bench-%05d".formatted(n);
    Instant now = Instant.now();
    jdbc.update(
        """
        insert into notice (id, title, issuer, issued_on, body, deadline, acknowledge_by, state, created_at)
        values (?, ?, '大田县质量强县工作领导小组办公室', current_date, '基准测试', ?, ?, 'PUBLISHED', ?)
        """,
        id,
        "基准通知 " + n,
        ts(now.plus(Duration.ofDays(40))),
        ts(now.minus(Duration.ofDays(2))),
        ts(now));
    List<Object[]> rows = new ArrayList<>(PER_NOTICE);
    for (int d = 0; d < PER_NOTICE; d++) {
      int bucket = d % 20; // 1 of 20 overdue, 2 due soon, 1 declined, the rest on time
      String stage = bucket == 19 ? "DECLINED" : "EXECUTING";
      Instant due =
          bucket == 0
              ? now.minus(Duration.ofDays(3))
              : bucket <= 2 ? now.plus(Duration.ofHours(20)) : now.plus(Duration.ofDays(40));
      rows.add(new Object[] {id, "bench-dept-%05d".formatted(d), stage, ts(now), ts(due)});
    }
    jdbc.batchUpdate(
        """
        insert into notice_recipient (notice_id, department_id, participation, stage, stage_since, review_rounds, due_at,
            standing)
        values (?, ?, 'MANDATORY', ?, ?, 0, ?, 0)
        """,
        rows);
    // what each owes, by when, and its standing: by the application's one rule, as it stores them
    recipientRows.storeObligations(id);
  }

  private ResponseEntity<String> get(String path) {
    ResponseEntity<String> response =
        http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
            .getForEntity(path, String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response;
  }

  private static Stats measure(Supplier<?> call) {
    for (int i = 0; i < 5; i++) {
      call.get();
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      long started = System.nanoTime();
      call.get();
      millis.add((System.nanoTime() - started) / 1e6);
    }
    return new Stats(millis.stream().sorted().toList());
  }

  record Stats(List<Double> sorted) {
    double percentile(double p) {
      return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    @Override
    public String toString() {
      return "%.0f / %.0f ms".formatted(percentile(0.50), percentile(0.95));
    }
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }
}
