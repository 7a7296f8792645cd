package cn.datian.noticeflow.response;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The activities each department records on a notice. */
@Repository
public class ActivityRepository {

  private final JdbcClient jdbc;

  public ActivityRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A department's list as it stands after its latest submission: replaces the earlier one. */
  public void replace(
      String noticeId,
      String departmentId,
      List<ActivityRecord> activities,
      String user,
      OffsetDateTime at) {
    jdbc.sql("delete from department_activity where notice_id = :n and department_id = :d")
        .param("n", noticeId)
        .param("d", departmentId)
        .update();
    for (ActivityRecord a : activities) {
      jdbc.sql(
              """
              insert into department_activity (notice_id, department_id, activity_date, title,
                  kind, place, participants, description, recorded_by, recorded_at)
              values (:n, :d, :date, :title, :kind, :place, :participants, :description,
                  :user, :at)
              """)
          .param("n", noticeId)
          .param("d", departmentId)
          .param("date", a.activityDate())
          .param("title", a.title())
          .param("kind", a.kind())
          .param("place", a.place())
          .param("participants", a.participants())
          .param("description", a.description())
          .param("user", user)
          .param("at", at.withOffsetSameInstant(ZoneOffset.UTC))
          .update();
    }
  }

  public List<ActivityRecord> find(String noticeId, String departmentId) {
    return jdbc.sql(
            """
            select * from department_activity where notice_id = :n and department_id = :d
            order by activity_date, id
            """)
        .param("n", noticeId)
        .param("d", departmentId)
        .query(
            (rs, i) ->
                new ActivityRecord(
                    rs.getObject("activity_date", LocalDate.class),
                    rs.getString("title"),
                    rs.getString("kind"),
                    rs.getString("place"),
                    (Integer) rs.getObject("participants"),
                    rs.getString("description")))
        .list();
  }
}
