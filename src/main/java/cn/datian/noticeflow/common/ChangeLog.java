package cn.datian.noticeflow.common;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Who changed the directory or the calendar, when, and what (table {@code directory_change}):
 * written in the same transaction as the change, so a change never goes unrecorded.
 */
@Repository
public class ChangeLog {

  public record Entry(
      OffsetDateTime changedAt, String actor, String area, String subject, String summary) {}

  private final JdbcTemplate jdbc;

  public ChangeLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String actor, String area, String subject, String summary) {
    jdbc.update(
        "insert into directory_change (changed_at, actor, area, subject, summary) values (?, ?, ?, ?, ?)",
        EngineTime.nowUtc(),
        actor,
        area,
        cut(subject, 200),
        cut(summary, 4000));
  }

  /** The latest changes of one area (newest first). */
  public List<Entry> latest(String area, int limit) {
    return jdbc.query(
        "select changed_at, actor, area, subject, summary from directory_change where area = ?"
            + " order by changed_at desc, id desc limit ?",
        (rs, i) ->
            new Entry(
                rs.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5)),
        area,
        limit);
  }

  /** The latest changes of every area (newest first). */
  public List<Entry> latest(int limit) {
    return jdbc.query(
        "select changed_at, actor, area, subject, summary from directory_change order by changed_at desc, id desc limit ?",
        (rs, i) ->
            new Entry(
                rs.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5)),
        limit);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
