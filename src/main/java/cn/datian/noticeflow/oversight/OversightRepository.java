package cn.datian.noticeflow.oversight;

import cn.datian.noticeflow.directory.Participation;
import cn.datian.noticeflow.response.RecipientStage;
import cn.datian.noticeflow.response.WhatIsOwed;
import cn.datian.noticeflow.response.WhatIsOwed.Standing;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The board's rows straight from the recipients' stored obligations ({@link WhatIsOwed}: owed,
 * owed_by, standing, kept current by response.ResponseRepository): filtering, counting and paging
 * happen in the database on the index {@code notice_recipient_board (standing, owed_by, notice_id,
 * department_id)}, so a board of a hundred thousand departments reads the hundred rows it shows and
 * counts each light as ranges of that index.
 *
 * <p>The order is the index's: owing rows first by their date (so red, then yellow, then green),
 * then the delivered ones, the declined, the silent; ties by notice and department.
 */
@Repository
class OversightRepository {

  /** On the board: the recipients of open notices (closed is the highest standing). */
  private static final String ON_THE_BOARD = "r.standing < " + Standing.CLOSED.code();

  /** The board's order, which is its index's. */
  private static final String ORDER = "r.standing, r.owed_by, r.notice_id, r.department_id";

  private final JdbcClient jdbc;

  OversightRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One recipient's row as stored; the light and working days are added by the service. */
  record StoredRow(
      String noticeId,
      String noticeTitle,
      String departmentId,
      RecipientStage stage,
      WhatIsOwed owed) {}

  /**
   * @param departments null: every department; otherwise only these (a department's own users)
   * @param dueSoonLimit the start of the fourth working day from {@code now}: owing rows due before
   *     it are yellow
   */
  record Query(
      String noticeId,
      String departmentId,
      Light light,
      Collection<String> departments,
      Instant now,
      Instant dueSoonLimit) {}

  /** A statement's text and its named parameters. */
  record Sql(String text, Map<String, Object> params) {}

  List<StoredRow> rows(Query q, int offset, int limit) {
    Sql sql = pageSql(q, offset, limit);
    var spec = jdbc.sql(sql.text());
    sql.params().forEach(spec::param);
    record Stored(String noticeId, String departmentId, RecipientStage stage, WhatIsOwed owed) {}
    List<Stored> rows =
        spec.query(
                (rs, i) ->
                    new Stored(
                        rs.getString("notice_id"),
                        rs.getString("department_id"),
                        RecipientStage.valueOf(rs.getString("stage")),
                        new WhatIsOwed(
                            rs.getString("owed") == null
                                ? null
                                : WhatIsOwed.Owed.valueOf(rs.getString("owed")),
                            rs.getObject("owed_by", OffsetDateTime.class),
                            Standing.ofCode(rs.getInt("standing")))))
            .list();
    Map<String, String> titles = titles(rows.stream().map(Stored::noticeId).distinct().toList());
    return rows.stream()
        .map(
            r ->
                new StoredRow(
                    r.noticeId(), titles.get(r.noticeId()), r.departmentId(), r.stage(), r.owed()))
        .toList();
  }

  /** The titles of the notices on a page: one lookup, not one per row. */
  private Map<String, String> titles(List<String> noticeIds) {
    Map<String, String> titles = new HashMap<>();
    for (int from = 0; from < noticeIds.size(); from += 1000) {
      jdbc.sql("select id, title from notice where id in (:ids)")
          .param("ids", noticeIds.subList(from, Math.min(noticeIds.size(), from + 1000)))
          .query((rs, i) -> titles.put(rs.getString("id"), rs.getString("title")))
          .list();
    }
    return titles;
  }

  /**
   * One page: the recipient table alone (titles are looked up for the rows shown), so both
   * databases walk the index in its order and stop after the page. A light's ranges lie on the
   * board already; without one, the board is every standing below closed.
   */
  static Sql pageSql(Query q, int offset, int limit) {
    Map<String, Object> params = params(q);
    List<String> conditions = filters(q, params);
    conditions.add(
        q.light() == null
            ? ON_THE_BOARD
            : "("
                + String.join(" or ", q.light().ranges().stream().map(r -> "(" + r + ")").toList())
                + ")");
    String text =
        "select r.notice_id, r.department_id, r.stage, r.owed, r.owed_by, r.standing"
            + " from notice_recipient r where "
            + String.join(" and ", conditions)
            + " order by "
            + ORDER
            + " limit "
            + limit
            + " offset "
            + offset;
    return new Sql(text, params);
  }

  /** How many rows each light has under the query's other filters (its light filter ignored). */
  Map<Light, Integer> countByLight(Query q) {
    Sql sql = countSql(q);
    var spec = jdbc.sql(sql.text());
    sql.params().forEach(spec::param);
    List<Light> bands = bands();
    Map<Light, Integer> counts = new EnumMap<>(Light.class);
    for (Light light : Light.values()) {
      counts.put(light, 0);
    }
    spec.query((rs, i) -> counts.merge(bands.get(rs.getInt("band")), rs.getInt("n"), Integer::sum))
        .list();
    return counts;
  }

  /** Each light's ranges in {@link Light#values()} order: band i counts {@code bands().get(i)}. */
  private static List<Light> bands() {
    List<Light> bands = new ArrayList<>();
    for (Light light : Light.values()) {
      light.ranges().forEach(r -> bands.add(light));
    }
    return bands;
  }

  /** One count per range of the index, each read from the index alone. */
  static Sql countSql(Query q) {
    Map<String, Object> params = params(q);
    List<String> filters = filters(q, params);
    List<String> counts = new ArrayList<>();
    for (Light light : Light.values()) {
      for (String range : light.ranges()) {
        List<String> conditions = new ArrayList<>(filters);
        conditions.add(range);
        counts.add(
            "select "
                + counts.size()
                + " as band, count(*) as n from notice_recipient r where "
                + String.join(" and ", conditions));
      }
    }
    return new Sql(String.join(" union all ", counts), params);
  }

  /** Voluntary recipients of open notices (one notice, or all), by how they answered. */
  EnterpriseCounts voluntaryCounts(String noticeId, Collection<String> departments) {
    if (departments != null && departments.isEmpty()) {
      return new EnterpriseCounts(0, 0, 0);
    }
    StringBuilder sql =
        new StringBuilder(
            "select r.standing, count(*) as n from notice_recipient r"
                + " where r.participation = :voluntary and "
                + ON_THE_BOARD);
    Map<String, Object> params = new HashMap<>();
    params.put("voluntary", Participation.VOLUNTARY.name());
    if (noticeId != null) {
      sql.append(" and r.notice_id = :noticeId");
      params.put("noticeId", noticeId);
    }
    if (departments != null) {
      sql.append(" and r.department_id in (:departments)");
      params.put("departments", departments);
    }
    sql.append(" group by r.standing");
    var spec = jdbc.sql(sql.toString());
    params.forEach(spec::param);
    int[] counts = new int[3]; // taking part, declined, silent
    spec.query(
            (rs, i) -> {
              Standing standing = Standing.ofCode(rs.getInt("standing"));
              counts[standing == Standing.DECLINED ? 1 : standing == Standing.SILENT ? 2 : 0] +=
                  rs.getInt("n");
              return null;
            })
        .list();
    return new EnterpriseCounts(counts[0], counts[1], counts[2]);
  }

  private static Map<String, Object> params(Query q) {
    Map<String, Object> params = new HashMap<>();
    params.put("now", q.now().atOffset(ZoneOffset.UTC));
    params.put("dueSoonLimit", q.dueSoonLimit().atOffset(ZoneOffset.UTC));
    return params;
  }

  /** The query's filters other than its light. */
  private static List<String> filters(Query q, Map<String, Object> params) {
    List<String> conditions = new ArrayList<>();
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
    return conditions;
  }
}
