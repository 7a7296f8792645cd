package cn.datian.noticeflow.response;

import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.Participation;
import cn.datian.noticeflow.notice.NoticeRecipients;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each recipient department's response to a notice: its row (stage, contact, extension, review
 * rounds) and the department-response instance bound to it. Shares the engine's data source and
 * transaction, like notice.NoticeRepository, which keeps the notice and the steps.
 */
@Repository
public class ResponseRepository implements NoticeRecipients {

  private final JdbcClient jdbc;

  public ResponseRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void open(String noticeId, Department department, OffsetDateTime at) {
    insertRecipient(noticeId, department, RecipientStage.ACKNOWLEDGING, at);
  }

  @Override
  public Outcome outcome(String noticeId) {
    List<NoticeRecipient> all = recipients(noticeId);
    return new Outcome(
        all.size(),
        all.stream().filter(r -> r.stage() == RecipientStage.ACCEPTED).count(),
        all.stream().filter(r -> r.stage() == RecipientStage.DECLINED).map(NoticeRecipient::departmentId).toList());
  }

  public void insertRecipient(
      String noticeId, Department department, RecipientStage stage, OffsetDateTime at) {
    jdbc.sql(
            """
            insert into notice_recipient (notice_id, department_id, participation, stage,
                stage_since, review_rounds)
            values (:noticeId, :departmentId, :participation, :stage, :at, 0)
            """)
        .param("noticeId", noticeId)
        .param("departmentId", department.id())
        .param("participation", department.participation().name())
        .param("stage", stage.name())
        .param("at", utc(at))
        .update();
  }

  public List<NoticeRecipient> recipients(String noticeId) {
    return jdbc.sql("select * from notice_recipient where notice_id = :noticeId order by department_id")
        .param("noticeId", noticeId)
        .query(ResponseRepository::recipient)
        .list();
  }

  public Optional<NoticeRecipient> recipient(String noticeId, String departmentId) {
    return jdbc.sql(
            "select * from notice_recipient where notice_id = :noticeId and department_id = :dep")
        .param("noticeId", noticeId)
        .param("dep", departmentId)
        .query(ResponseRepository::recipient)
        .optional();
  }

  /**
   * Binds a department-response process instance to its recipient, once: a second instance for
   * the same recipient, or an instance for no recipient, is refused.
   */
  public void bindResponse(String noticeId, String departmentId, String processInstanceId) {
    int rows =
        jdbc.sql(
                """
                update notice_recipient set process_instance_id = :pi
                where notice_id = :noticeId and department_id = :dep and process_instance_id is null
                """)
            .param("noticeId", noticeId)
            .param("dep", departmentId)
            .param("pi", processInstanceId)
            .update();
    if (rows != 1) {
      throw new IllegalStateException(
          "No unbound recipient " + departmentId + " of notice " + noticeId + " for " + processInstanceId);
    }
  }

  /** The recipient whose response runs in this process instance. */
  public Optional<NoticeRecipient> recipientOfProcess(String processInstanceId) {
    return jdbc.sql("select * from notice_recipient where process_instance_id = :pi")
        .param("pi", processInstanceId)
        .query(ResponseRepository::recipient)
        .optional();
  }

  public void updateStage(
      String noticeId, String departmentId, RecipientStage stage, OffsetDateTime at) {
    int rows =
        jdbc.sql(
                """
                update notice_recipient set stage = :stage, stage_since = :at
                where notice_id = :noticeId and department_id = :dep
                """)
            .param("noticeId", noticeId)
            .param("dep", departmentId)
            .param("stage", stage.name())
            .param("at", utc(at))
            .update();
    if (rows != 1) {
      throw new IllegalStateException(
          "Department " + departmentId + " is not a recipient of notice " + noticeId);
    }
  }

  public void countReviewRound(String noticeId, String departmentId) {
    jdbc.sql(
            """
            update notice_recipient set review_rounds = review_rounds + 1
            where notice_id = :noticeId and department_id = :dep
            """)
        .param("noticeId", noticeId)
        .param("dep", departmentId)
        .update();
  }

  public void saveContact(String noticeId, String departmentId, String name, String phone) {
    jdbc.sql(
            """
            update notice_recipient set contact_name = :name, contact_phone = :phone
            where notice_id = :noticeId and department_id = :dep
            """)
        .param("noticeId", noticeId)
        .param("dep", departmentId)
        .param("name", name)
        .param("phone", phone)
        .update();
  }

  public void extendDeadline(String noticeId, String departmentId, OffsetDateTime dueAt) {
    jdbc.sql(
            """
            update notice_recipient set due_at = :dueAt
            where notice_id = :noticeId and department_id = :dep
            """)
        .param("noticeId", noticeId)
        .param("dep", departmentId)
        .param("dueAt", utc(dueAt))
        .update();
  }

  public void saveDeclineReason(String noticeId, String departmentId, String reason) {
    jdbc.sql(
            """
            update notice_recipient set decline_reason = :reason
            where notice_id = :noticeId and department_id = :dep
            """)
        .param("noticeId", noticeId)
        .param("dep", departmentId)
        .param("reason", reason)
        .update();
  }

  /**
   * Locks the recipient's row until the transaction ends: requests about one department that
   * must not overlap (two urges at once) take turns, on every node sharing the database.
   */
  public Optional<NoticeRecipient> lockRecipient(String noticeId, String departmentId) {
    return jdbc.sql(
            "select * from notice_recipient where notice_id = :noticeId and department_id = :dep for update")
        .param("noticeId", noticeId)
        .param("dep", departmentId)
        .query(ResponseRepository::recipient)
        .optional();
  }

  private static OffsetDateTime utc(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static NoticeRecipient recipient(ResultSet rs, int row) throws SQLException {
    return new NoticeRecipient(
        rs.getString("notice_id"),
        rs.getString("department_id"),
        Participation.valueOf(rs.getString("participation")),
        RecipientStage.valueOf(rs.getString("stage")),
        rs.getObject("stage_since", OffsetDateTime.class),
        rs.getInt("review_rounds"),
        rs.getString("contact_name"),
        rs.getString("contact_phone"),
        rs.getString("decline_reason"),
        rs.getObject("due_at", OffsetDateTime.class));
  }
}
