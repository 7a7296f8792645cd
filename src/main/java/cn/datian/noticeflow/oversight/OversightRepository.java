package cn.datian.noticeflow.oversight;

import cn.datian.noticeflow.response.RecipientStage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The board's rows straight from the notice tables: filtering, the lights, counting and paging
 * happen in the database, so a board of a hundred thousand departments sends only one page.
 *
 * <p>A row owes its acknowledgement while acknowledging, otherwise its summary (by its own
 * deadline after an extension). Lights in SQL follow {@link OversightService#light}: red past
 * due, yellow before {@code yellowBefore} (the start of the fourth working day from today),
 * green after that or when done or with the office, grey when declined.
 */
@Repository
class OversightRepository {

  private static final String OWED_BY =
      "(case when r.stage = 'ACKNOWLEDGING' then n.acknowledge_by else coalesce(r.due_at, n.deadline) end)";
  private static final String OWING = "r.stage in ('ACKNOWLEDGING', 'EXECUTING', 'AWAITING_SIGN_OFF', 'RETURNED')";
  private static final String LIGHT_RANK =
      "(case when r.stage = 'DECLINED' then 3"
          + " when r.stage = 'ACKNOWLEDGING' and r.department_id in (:voluntary) then 4"
          + " when " + OWING + " and " + OWED_BY + " < :now then 0"
          + " when " + OWING + " and " + OWED_BY + " < :yellowBefore then 1"
          + " else 2 end)";

  /** The rank LIGHT_RANK gives each light: most urgent first. */
  static final List<Light> BY_RANK = List.of(Light.RED, Light.YELLOW, Light.GREEN, Light.GREY, Light.SILENT);

  private final JdbcClient jdbc;

  OversightRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One recipient's row as stored; the light and working days are added by the service. */
  record StoredRow(String noticeId, String noticeTitle, String departmentId, RecipientStage stage, OffsetDateTime owedBy) {}

  /**
   * @param departments null: every department; otherwise only these (a department's own users)
   * @param voluntary the recipients that take part voluntarily (enterprises): silence is no debt
   */
  record Query(
      String noticeId, String departmentId, Light light, Collection<String> departments, Instant now, Instant yellowBefore,
      Collection<String> voluntary) {}

  List<StoredRow> rows(Query q, int offset, int limit) {
    StringBuilder sql = new StringBuilder(
        "select r.notice_id, n.title, r.department_id, r.stage, " + OWED_BY + " as owed_by"
            + " from notice_recipient r join notice n on n.id = r.notice_id");
    Map<String, Object> params = where(q, sql);
    sql.append(" order by ").append(LIGHT_RANK).append(", owed_by, n.title, r.department_id");
    sql.append(" limit ").append(limit).append(" offset ").append(offset);
    var spec = jdbc.sql(sql.toString());
    params.forEach(spec::param);
    return spec.query((rs, i) -> new StoredRow(
            rs.getString("notice_id"),
            rs.getString("title"),
            rs.getString("department_id"),
            RecipientStage.valueOf(rs.getString("stage")),
            rs.getObject("owed_by", OffsetDateTime.class)))
        .list();
  }

  /** How many rows each light has under the query's other filters (its light filter ignored). */
  Map<Light, Integer> countByLight(Query q) {
    Query anyLight = new Query(q.noticeId(), q.departmentId(), null, q.departments(), q.now(), q.yellowBefore(), q.voluntary());
    // grouped outside: the rank's parameters would make "group by <expression>" differ from the select's
    StringBuilder sql = new StringBuilder(
        "select " + LIGHT_RANK + " as light_rank from notice_recipient r join notice n on n.id = r.notice_id");
    Map<String, Object> params = where(anyLight, sql);
    sql.insert(0, "select light_rank, count(*) as n from (").append(") ranked group by light_rank");
    var spec = jdbc.sql(sql.toString());
    params.forEach(spec::param);
    Map<Light, Integer> counts = new EnumMap<>(Light.class);
    for (Light light : Light.values()) {
      counts.put(light, 0);
    }
    spec.query((rs, i) -> counts.put(BY_RANK.get(rs.getInt("light_rank")), rs.getInt("n"))).list();
    return counts;
  }

  /** Voluntary recipients of open notices (one notice, or all), by how they answered. */
  EnterpriseCounts voluntaryCounts(String noticeId, Collection<String> voluntary, Collection<String> departments) {
    if (voluntary.isEmpty() || (departments != null && departments.isEmpty())) {
      return new EnterpriseCounts(0, 0, 0);
    }
    StringBuilder sql = new StringBuilder(
        "select r.stage, count(*) as n from notice_recipient r join notice n on n.id = r.notice_id"
            + " where n.state <> 'CLOSED' and r.department_id in (:voluntary)");
    Map<String, Object> params = new java.util.HashMap<>();
    params.put("voluntary", voluntary);
    if (noticeId != null) {
      sql.append(" and r.notice_id = :noticeId");
      params.put("noticeId", noticeId);
    }
    if (departments != null) {
      sql.append(" and r.department_id in (:departments)");
      params.put("departments", departments);
    }
    sql.append(" group by r.stage");
    var spec = jdbc.sql(sql.toString());
    params.forEach(spec::param);
    int[] counts = new int[3]; // taking part, declined, silent
    spec.query((rs, i) -> {
      String stage = rs.getString("stage");
      int n = rs.getInt("n");
      counts[stage.equals("DECLINED") ? 1 : stage.equals("ACKNOWLEDGING") ? 2 : 0] += n;
      return null;
    }).list();
    return new EnterpriseCounts(counts[0], counts[1], counts[2]);
  }

  private static Map<String, Object> where(Query q, StringBuilder sql) {
    Map<String, Object> params = new java.util.HashMap<>();
    params.put("now", q.now().atOffset(ZoneOffset.UTC));
    params.put("yellowBefore", q.yellowBefore().atOffset(ZoneOffset.UTC));
    // "in ()" is no SQL: an id no department has stands for none
    params.put("voluntary", q.voluntary() == null || q.voluntary().isEmpty() ? List.of("") : q.voluntary());
    List<String> conditions = new ArrayList<>(List.of("n.state <> 'CLOSED'"));
    if (q.noticeId() != null) {
      conditions.add("r.notice_id = :noticeId");
      params.put("noticeId", q.noticeId());
    }
    if (q.departmentId() != null) {
      conditions.add("r.department_id = :departmentId");
      params.put("departmentId", q.departmentId());
    }
    if (q.departments() != null) {
      if (q.departments().isEmpty()) {
        conditions.add("1 = 0");
      } else {
        conditions.add("r.department_id in (:departments)");
        params.put("departments", q.departments());
      }
    }
    if (q.light() != null) {
      conditions.add(LIGHT_RANK + " = " + BY_RANK.indexOf(q.light()));
    }
    sql.append(" where ").append(String.join(" and ", conditions));
    return params;
  }
}
