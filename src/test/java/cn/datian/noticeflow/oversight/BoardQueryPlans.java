package cn.datian.noticeflow.oversight;

import cn.datian.noticeflow.response.WhatIsOwed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The board's statements exactly as {@link OversightRepository} writes them (and the metrics'
 * overdue count), run under EXPLAIN ANALYZE: the oversight benchmark prints how each database reads
 * them, to show that the board reads its index and not every open recipient.
 */
public final class BoardQueryPlans {

  private BoardQueryPlans() {}

  /** Statement name → plan, for a supervisor's board (every department) at {@code now}. */
  public static Map<String, String> explain(
      NamedParameterJdbcTemplate jdbc, boolean postgres, Instant now, Instant dueSoonLimit) {
    OversightRepository.Query board =
        new OversightRepository.Query(null, null, null, null, now, dueSoonLimit);
    OversightRepository.Query overdue =
        new OversightRepository.Query(null, null, Light.RED, null, now, dueSoonLimit);
    Map<String, OversightRepository.Sql> statements = new LinkedHashMap<>();
    statements.put("board page (first 100 rows)", OversightRepository.pageSql(board, 0, 100));
    statements.put("count of each light", OversightRepository.countSql(board));
    statements.put(
        "overdue rows (GET /api/oversight/overdue)",
        OversightRepository.pageSql(overdue, 0, Integer.MAX_VALUE));
    statements.put(
        "metrics: overdue count",
        new OversightRepository.Sql(
            "select count(*) from notice_recipient r where " + WhatIsOwed.OVERDUE_SQL,
            Map.of("now", now.atOffset(ZoneOffset.UTC))));
    String explain = postgres ? "explain (analyze, costs off) " : "explain analyze ";
    Map<String, String> plans = new LinkedHashMap<>();
    statements.forEach(
        (name, sql) -> {
          List<String> lines = jdbc.queryForList(explain + sql.text(), sql.params(), String.class);
          plans.put(name, String.join("\n", lines));
        });
    return plans;
  }
}
