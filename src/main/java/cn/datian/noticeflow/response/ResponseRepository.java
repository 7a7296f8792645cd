package cn.datian.noticeflow.response;

import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.Participation;
import cn.datian.noticeflow.notice.NoticeRecipients;
import cn.datian.noticeflow.notice.NoticeState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each recipient department's response to a notice: its row (stage, contact, extension, review
 * rounds) and the department-response instance bound to it. Shares the engine's data source and
 * transaction, like notice.NoticeRepository, which keeps the notice and the steps.
 *
 * <p>Every write a recipient's obligation depends on (its stage, its deadline, the notice's dates,
 * the notice closing) stores {@link WhatIsOwed} on the recipient's row in the same statement
 * sequence and transaction, so the indexed columns the board reads never lag. The notice's own
 * changes reach it through {@link NoticeRecipients#storeObligations}.
 */
@Repository
public class ResponseRepository implements NoticeRecipients {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public ResponseRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
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
        all.stream()
            .filter(r -> r.stage() == RecipientStage.DECLINED)
            .map(NoticeRecipient::departmentId)
            .toList(),
        all.stream().filter(r -> r.stage() == RecipientStage.NO_ANSWER).count());
  }

  public void insertRecipient(
      String noticeId, Department department, RecipientStage stage, OffsetDateTime at) {
    NoticeDates notice = datesOf(noticeId);
    WhatIsOwed owed =
        WhatIsOwed.stored(
            stage,
            department.participation(),
            notice.acknowledgeBy(),
            notice.deadline(),
            notice.state());
    jdbc.sql(
            """
            insert into notice_recipient (notice_id, department_id, participation, stage,
                stage_since, review_rounds, owed, owed_by, standing)
            values (:noticeId, :departmentId, :participation, :stage, :at, 0, :owed, :owedBy, :standing)
            """)
        .param("noticeId", noticeId)
        .param("departmentId", department.id())
        .param("participation", department.participation().name())
        .param("stage", stage.name())
        .param("at", utc(at))
        .param("owed", owed.owed() == null ? null : owed.owed().name())
        .param("owedBy", utc(owed.owedBy()))
        .param("standing", owed.standing().code())
        .update();
  }

  /** The notice's fields a recipient's obligation depends on. */
  private record NoticeDates(
      OffsetDateTime acknowledgeBy, OffsetDateTime deadline, NoticeState state) {}

  private NoticeDates datesOf(String noticeId) {
    return jdbc.sql("select acknowledge_by, deadline, state from notice where id = :id")
        .param("id", noticeId)
        .query(
            (rs, i) ->
                new NoticeDates(
                    rs.getObject("acknowledge_by", OffsetDateTime.class),
                    rs.getObject("deadline", OffsetDateTime.class),
                    NoticeState.valueOf(rs.getString("state"))))
        .single();
  }

  /**
   * Stores what one recipient owes, by when, and its standing ({@link WhatIsOwed}), from its row
   * and its notice as they are now in this transaction.
   */
  private void storeObligation(String noticeId, String departmentId) {
    storeObligations(noticeId, departmentId);
  }

  /**
   * The same for every recipient of a notice: after the notice's dates or state changed, and for
   * rows written behind the repository's back (the benchmarks seed rows in bulk).
   */
  @Override
  public void storeObligations(String noticeId) {
    storeObligations(noticeId, null);
  }

  private void storeObligations(String noticeId, String departmentId) {
    var query =
        jdbc.sql(
                """
            select r.department_id, r.stage, r.participation, r.due_at, n.acknowledge_by, n.deadline, n.state
            from notice_recipient r join notice n on n.id = r.notice_id
            where r.notice_id = :noticeId
            """
                    + (departmentId == null ? "" : " and r.department_id = :dep"))
            .param("noticeId", noticeId);
    if (departmentId != null) {
      query = query.param("dep", departmentId);
    }
    List<Object[]> updates =
        query
            .query(
                (rs, i) -> {
                  OffsetDateTime dueAt = rs.getObject("due_at", OffsetDateTime.class);
                  WhatIsOwed owed =
                      WhatIsOwed.stored(
                          RecipientStage.valueOf(rs.getString("stage")),
                          Participation.valueOf(rs.getString("participation")),
                          rs.getObject("acknowledge_by", OffsetDateTime.class),
                          dueAt != null ? dueAt : rs.getObject("deadline", OffsetDateTime.class),
                          NoticeState.valueOf(rs.getString("state")));
                  return new Object[] {
                    owed.owed() == null ? null : owed.owed().name(),
                    utc(owed.owedBy()),
                    owed.standing().code(),
                    noticeId,
                    rs.getString("department_id")
                  };
                })
            .list();
    if (!updates.isEmpty()) {
      batch.batchUpdate(
          "update notice_recipient set owed = ?, owed_by = ?, standing = ? where notice_id = ? and department_id = ?",
          updates);
    }
  }

  /** What a recipient's row stores (WhatIsOwed's columns), as read back from the database. */
  public Optional<WhatIsOwed> storedObligation(String noticeId, String departmentId) {
    return jdbc.sql(
            "select owed, owed_by, standing from notice_recipient where notice_id = :noticeId and department_id = :dep")
        .param("noticeId", noticeId)
        .param("dep", departmentId)
        .query(
            (rs, i) ->
                new WhatIsOwed(
                    rs.getString("owed") == null
                        ? null
                        : WhatIsOwed.Owed.valueOf(rs.getString("owed")),
                    rs.getObject("owed_by", OffsetDateTime.class),
                    WhatIsOwed.Standing.ofCode(rs.getInt("standing"))))
        .optional();
  }

  /** The stages a recipient still works in: everything not final, whatever stages exist. */
  private static final List<String> UNFINISHED =
      Arrays.stream(RecipientStage.values()).filter(s -> !s.isFinal()).map(Enum::name).toList();

  @Override
  public boolean anyUnfinished(String noticeId) {
    return !jdbc.sql(
            """
            select department_id from notice_recipient
            where notice_id = :id and stage in (:unfinished)
            fetch first 1 rows only
            """)
        .param("id", noticeId)
        .param("unfinished", UNFINISHED)
        .query(String.class)
        .list()
        .isEmpty();
  }

  public List<NoticeRecipient> recipients(String noticeId) {
    return jdbc.sql(
            "select * from notice_recipient where notice_id = :noticeId order by department_id")
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
   * Binds a department-response process instance to its recipient, once: a second instance for the
   * same recipient, or an instance for no recipient, is refused.
   */
  @Override
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
          "No unbound recipient "
              + departmentId
              + " of notice "
              + noticeId
              + " for "
              + processInstanceId);
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
    storeObligation(noticeId, departmentId);
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
    storeObligation(noticeId, departmentId);
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
   * Locks the recipient's row until the transaction ends: requests about one department that must
   * not overlap (two urges at once) take turns, on every node sharing the database.
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
