package cn.datian.noticeflow.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notice and its step history in the project's own tables (its recipients' rows are
 * response.ResponseRepository's). It shares the engine's data source and transaction: a step
 * recorded by a task listener commits or rolls back with the task itself.
 *
 * <p>What a recipient owes (response.WhatIsOwed, stored on its row) depends on the notice's dates
 * and state too: every write that changes them has the recipients store it again ({@link
 * NoticeRecipients#storeObligations}) in the same transaction, so the indexed columns the board
 * reads never lag.
 */
@Repository
public class NoticeRepository {

  private final JdbcClient jdbc;
  private final NoticeRecipients recipients;

  public NoticeRepository(JdbcClient jdbc, NoticeRecipients recipients) {
    this.jdbc = jdbc;
    this.recipients = recipients;
  }

  public void insert(Notice n) {
    jdbc.sql(
            """
            insert into notice (id, number, title, issuer, issued_on, body, deadline,
                acknowledge_by, state, process_instance_id, drafted_by, created_at,
                reminder_offsets, recipient_ids)
            values (:id, :number, :title, :issuer, :issuedOn, :body, :deadline,
                :acknowledgeBy, :state, :processInstanceId, :draftedBy, :createdAt,
                :reminderOffsets, :recipientIds)
            """)
        .param("id", n.id())
        .param("number", n.number())
        .param("title", n.title())
        .param("issuer", n.issuer())
        .param("issuedOn", n.issuedOn())
        .param("body", n.body())
        .param("deadline", utc(n.deadline()))
        .param("acknowledgeBy", utc(n.acknowledgeBy()))
        .param("state", n.state().name())
        .param("processInstanceId", n.processInstanceId())
        .param("draftedBy", n.draftedBy())
        .param("createdAt", utc(n.createdAt()))
        .param("reminderOffsets", offsets(n.reminderOffsets()))
        .param("recipientIds", ids(n.recipientIds()))
        .update();
  }

  public Optional<Notice> find(String id) {
    return jdbc.sql("select * from notice where id = :id")
        .param("id", id)
        .query(NoticeRepository::notice)
        .optional();
  }

  /** The notice whose lifecycle runs in this process instance. */
  public Optional<Notice> findByProcessInstance(String processInstanceId) {
    return jdbc.sql("select * from notice where process_instance_id = :pi")
        .param("pi", processInstanceId)
        .query(NoticeRepository::notice)
        .optional();
  }

  public List<Notice> findAll() {
    return jdbc.sql("select * from notice order by created_at desc")
        .query(NoticeRepository::notice)
        .list();
  }

  /** Notices with this title not yet closed (the demo issues its notice only once). */
  public boolean existsOpenWithTitle(String title) {
    return jdbc.sql("select count(*) from notice where title = :title and state <> 'CLOSED'")
            .param("title", title)
            .query(Long.class)
            .single()
        > 0;
  }

  public void updateDraft(String id, NoticeDraft d) {
    jdbc.sql(
            """
            update notice set number = :number, title = :title, issuer = :issuer,
                issued_on = :issuedOn, body = :body, deadline = :deadline,
                acknowledge_by = :acknowledgeBy, reminder_offsets = :reminderOffsets,
                recipient_ids = :recipientIds
            where id = :id
            """)
        .param("id", id)
        .param("number", d.number())
        .param("title", d.title())
        .param("issuer", d.issuer())
        .param("issuedOn", d.issuedOn())
        .param("body", d.body())
        .param("deadline", utc(d.deadline()))
        .param("acknowledgeBy", utc(d.acknowledgeBy()))
        .param("reminderOffsets", offsets(d.reminderOffsets()))
        .param("recipientIds", ids(d.recipients()))
        .update();
    recipients.storeObligations(
        id); // the dates moved (a draft has no recipients yet: a no-op today)
  }

  /** The draft as the drafter typed it (JSON), saved as they go; null: none kept. */
  public void saveDraftText(String id, String draftJson) {
    jdbc.sql("update notice set draft = :draft where id = :id")
        .param("id", id)
        .param("draft", draftJson)
        .update();
  }

  public Optional<String> draftText(String id) {
    return jdbc.sql("select draft from notice where id = :id")
        .param("id", id)
        .query((rs, i) -> Optional.ofNullable(rs.getString("draft")))
        .optional()
        .flatMap(d -> d);
  }

  public void saveReturnComment(String id, String comment) {
    jdbc.sql("update notice set return_comment = :comment where id = :id")
        .param("id", id)
        .param("comment", comment)
        .update();
  }

  public void updateState(String id, NoticeState state) {
    jdbc.sql("update notice set state = :state where id = :id")
        .param("id", id)
        .param("state", state.name())
        .update();
    if (state == NoticeState.CLOSED) {
      recipients.storeObligations(id);
    }
  }

  public void setProcessInstance(String id, String processInstanceId) {
    jdbc.sql("update notice set process_instance_id = :pi where id = :id")
        .param("id", id)
        .param("pi", processInstanceId)
        .update();
  }

  /** Binds the lifecycle to a notice that has none yet; false if it has one. */
  public boolean bindProcessInstance(String id, String processInstanceId) {
    return jdbc.sql(
                "update notice set process_instance_id = :pi where id = :id and process_instance_id is null")
            .param("id", id)
            .param("pi", processInstanceId)
            .update()
        == 1;
  }

  public void saveConsolidatedSummary(String id, String summary) {
    jdbc.sql("update notice set consolidated_summary = :summary where id = :id")
        .param("id", id)
        .param("summary", summary)
        .update();
  }

  public void close(String id, OffsetDateTime at) {
    jdbc.sql("update notice set state = 'CLOSED', closed_at = :at where id = :id")
        .param("id", id)
        .param("at", utc(at))
        .update();
    recipients.storeObligations(id); // off the board
  }

  // --- steps ------------------------------------------------------------------------------

  /**
   * Records a step, sealed onto its chain. The chain's head is read under a row lock (the
   * recipient's row, or the notice's for its own steps), so two steps recorded at once cannot both
   * claim the same predecessor.
   */
  public void recordStep(NoticeStep step) {
    lockChain(step.noticeId(), step.departmentId());
    String previous = chainHead(step.noticeId(), step.departmentId()).orElse(StepSeal.GENESIS);
    jdbc.sql(
            """
            insert into notice_step (notice_id, department_id, step, user_id, comment_text, done_at,
                previous_hash, content_hash)
            values (:noticeId, :departmentId, :step, :userId, :comment, :doneAt, :previous, :hash)
            """)
        .param("noticeId", step.noticeId())
        .param("departmentId", step.departmentId())
        .param("step", step.step().name())
        .param("userId", step.userId())
        .param("comment", step.comment())
        .param("doneAt", StepSeal.storable(step.doneAt()))
        .param("previous", previous)
        .param("hash", StepSeal.of(step, previous))
        .update();
  }

  private void lockChain(String noticeId, String departmentId) {
    if (departmentId == null) {
      jdbc.sql("select id from notice where id = :noticeId for update")
          .param("noticeId", noticeId)
          .query(String.class)
          .list();
    } else {
      // the recipient's row (response.ResponseRepository keeps it): the same lock an urge takes
      jdbc.sql(
              "select department_id from notice_recipient where notice_id = :noticeId and department_id = :dep for update")
          .param("noticeId", noticeId)
          .param("dep", departmentId)
          .query(String.class)
          .list();
    }
  }

  private Optional<String> chainHead(String noticeId, String departmentId) {
    String ofChain = departmentId == null ? "department_id is null" : "department_id = :dep";
    var query =
        jdbc.sql(
                "select coalesce(content_hash, '') from notice_step where notice_id = :noticeId and "
                    + ofChain
                    + " order by id desc fetch first 1 rows only")
            .param("noticeId", noticeId);
    if (departmentId != null) {
      query = query.param("dep", departmentId);
    }
    return query.query(String.class).optional();
  }

  /** The last step recorded for the notice itself (not for a recipient). */
  public Optional<StepKind> lastNoticeStep(String noticeId) {
    return jdbc.sql(
            """
            select step from notice_step where notice_id = :noticeId and department_id is null
            order by id desc fetch first 1 rows only
            """)
        .param("noticeId", noticeId)
        .query(String.class)
        .optional()
        .map(StepKind::valueOf);
  }

  public List<NoticeStep> steps(String noticeId) {
    return sealedSteps(noticeId).stream()
        .map(SealedStep::step)
        .sorted(java.util.Comparator.comparing(NoticeStep::doneAt)) // stable: ties keep id order
        .toList();
  }

  /** Every step of a notice with its seal, in the order recorded. */
  public List<SealedStep> sealedSteps(String noticeId) {
    return jdbc.sql("select * from notice_step where notice_id = :noticeId order by id")
        .param("noticeId", noticeId)
        .query(
            (rs, i) ->
                new SealedStep(
                    rs.getLong("id"),
                    step(rs, i),
                    rs.getString("previous_hash"),
                    rs.getString("content_hash")))
        .list();
  }

  /** A stored step with the seals it was stored with. */
  public record SealedStep(long id, NoticeStep step, String previousHash, String contentHash) {}

  /** The latest step of this kind for one department, if any. */
  public Optional<NoticeStep> lastStep(String noticeId, String departmentId, StepKind kind) {
    return jdbc.sql(
            """
            select * from notice_step
            where notice_id = :noticeId and department_id = :dep and step = :step
            order by done_at desc, id desc
            fetch first 1 rows only
            """)
        .param("noticeId", noticeId)
        .param("dep", departmentId)
        .param("step", kind.name())
        .query(NoticeRepository::step)
        .optional();
  }

  // --- mapping ----------------------------------------------------------------------------

  private static String offsets(List<Duration> offsets) {
    return offsets == null || offsets.isEmpty()
        ? null
        : offsets.stream()
            .map(Duration::toString)
            .collect(java.util.stream.Collectors.joining(","));
  }

  private static List<Duration> offsets(String stored) {
    return stored == null || stored.isBlank()
        ? List.of()
        : java.util.Arrays.stream(stored.split(",")).map(Duration::parse).toList();
  }

  private static String ids(List<String> ids) {
    return ids == null || ids.isEmpty() ? null : String.join(",", ids);
  }

  private static List<String> ids(String stored) {
    return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(","));
  }

  private static OffsetDateTime utc(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static Notice notice(ResultSet rs, int row) throws SQLException {
    return new Notice(
        rs.getString("id"),
        rs.getString("number"),
        rs.getString("title"),
        rs.getString("issuer"),
        rs.getObject("issued_on", LocalDate.class),
        rs.getString("body"),
        rs.getObject("deadline", OffsetDateTime.class),
        rs.getObject("acknowledge_by", OffsetDateTime.class),
        NoticeState.valueOf(rs.getString("state")),
        rs.getString("process_instance_id"),
        rs.getString("drafted_by"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getString("consolidated_summary"),
        rs.getObject("closed_at", OffsetDateTime.class),
        offsets(rs.getString("reminder_offsets")),
        ids(rs.getString("recipient_ids")),
        rs.getString("return_comment"));
  }

  private static NoticeStep step(ResultSet rs, int row) throws SQLException {
    return new NoticeStep(
        rs.getString("notice_id"),
        rs.getString("department_id"),
        StepKind.valueOf(rs.getString("step")),
        rs.getString("user_id"),
        rs.getString("comment_text"),
        rs.getObject("done_at", OffsetDateTime.class));
  }
}
