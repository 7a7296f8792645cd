package cn.datian.noticeflow.mail;

import cn.datian.noticeflow.common.EngineTime;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox: every message the system sends, one row each, keyed by what it is (the same reminder
 * of the same deadline always has the same key). Writing a key twice writes nothing: this is what
 * keeps a retried or clustered job from queueing a message twice. Dispatchers on any node claim due
 * rows here (see {@link #claim}), so each row is sent by one node.
 */
@Repository
public class MailLog {

  private static final TypeReference<LinkedHashMap<String, Object>> MODEL =
      new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;
  private final MailProperties properties;
  private final ObjectMapper json;

  public MailLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate, MailProperties properties) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
    this.properties = properties;
    this.json = new ObjectMapper(); // models hold plain strings, numbers and booleans
  }

  public record Entry(
      long id,
      String key,
      String messageId,
      MailKind kind,
      String noticeId,
      String departmentId,
      List<String> recipients,
      String subject,
      String text,
      String html,
      MailState state,
      int attempts,
      String lastError,
      OffsetDateTime createdAt,
      OffsetDateTime sentAt,
      Map<String, Object> model,
      OffsetDateTime nextAttemptAt,
      String skipReason) {}

  public boolean contains(String key) {
    return jdbc.sql("select count(*) from mail_log where message_key = :key")
            .param("key", key)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * Writes the message as pending, due at once; false when a message with its key exists already.
   * The rendering stored here is a preview (the mail log's subject); the dispatcher renders the
   * message again from its model when it sends it.
   */
  public boolean add(MailMessage message, MailComposer.Rendered rendered) {
    if (contains(message.key())) {
      return false;
    }
    OffsetDateTime now = EngineTime.nowUtc();
    try {
      jdbc.sql(
              """
              insert into mail_log (message_key, message_id, kind, notice_id, department_id,
                  recipients, subject, body_text, body_html, state, attempts, created_at,
                  model_json, next_attempt_at)
              values (:key, :messageId, :kind, :noticeId, :departmentId, :recipients, :subject,
                  :text, :html, 'PENDING', 0, :createdAt, :model, :createdAt)
              """)
          .param("key", message.key())
          .param("messageId", messageId(message.key()))
          .param("kind", message.kind().name())
          .param("noticeId", message.noticeId())
          .param("departmentId", message.departmentId())
          .param("recipients", String.join(",", message.recipients()))
          .param("subject", rendered.subject())
          .param("text", rendered.text())
          .param("html", rendered.html())
          .param("createdAt", now)
          .param("model", toJson(message.model()))
          .update();
      return true;
    } catch (DuplicateKeyException raced) {
      return false; // another node wrote it first
    }
  }

  /** The same key gives the same Message-ID, so even a receiving server can tell a repeat. */
  String messageId(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(hash, 0, 16) + "@" + properties.messageIdDomain() + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Messages written under keys that start so, in order: e.g. one deadline's escalations. */
  public List<Entry> findByKeyPrefix(String prefix) {
    return jdbc.sql("select * from mail_log where message_key like :p order by id")
        .param("p", prefix + "%")
        .query(this::entry)
        .list();
  }

  /** The keys starting so and when each was written (light: no bodies). */
  public Map<String, OffsetDateTime> keysWithPrefix(String prefix) {
    Map<String, OffsetDateTime> keys = new LinkedHashMap<>();
    jdbc.sql("select message_key, created_at from mail_log where message_key like :p order by id")
        .param("p", prefix + "%")
        .query(
            rs -> {
              keys.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class));
            });
    return keys;
  }

  public List<Entry> findAll(String noticeId) {
    return jdbc.sql("select * from mail_log where notice_id = :n order by id")
        .param("n", noticeId)
        .query(this::entry)
        .list();
  }

  public Optional<Entry> find(long id) {
    return jdbc.sql("select * from mail_log where id = :id")
        .param("id", id)
        .query(this::entry)
        .optional();
  }

  // --- the dispatcher's side ------------------------------------------------------------------

  /**
   * Claims up to {@code limit} due messages for one dispatcher run ({@code token}, unique per
   * claim) and returns them. The claim is a conditional update: a row is taken only if no live
   * claim holds it, and the database lets one of two racing updates win (the loser re-reads the
   * row, sees the claim and leaves it), so two nodes never get the same row. Portable: plain SQL on
   * H2 and PostgreSQL alike.
   */
  public List<Entry> claim(String token, int limit, Instant now, Duration claimFor) {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    List<Long> due =
        jdbc.sql(
                """
                select id from mail_log where state in ('PENDING', 'FAILED') and next_attempt_at <= :now
                  and (claimed_until is null or claimed_until < :now)
                order by next_attempt_at, id fetch first %d rows only
                """
                    .formatted(Math.max(1, limit)))
            .param("now", at)
            .query(Long.class)
            .list();
    if (due.isEmpty()) {
      return List.of();
    }
    jdbc.sql(
            """
            update mail_log set claimed_by = :token, claimed_until = :until
            where id in (:ids) and state in ('PENDING', 'FAILED') and next_attempt_at <= :now
              and (claimed_until is null or claimed_until < :now)
            """)
        .param("token", token)
        .param("until", now.plus(claimFor).atOffset(ZoneOffset.UTC))
        .param("ids", due)
        .param("now", at)
        .update();
    return jdbc.sql(
            "select * from mail_log where id in (:ids) and claimed_by = :token order by next_attempt_at, id")
        .param("ids", due)
        .param("token", token)
        .query(this::entry)
        .list();
  }

  /** A message as sent: what it said then is what the log keeps. */
  public record Delivered(long id, MailState state, MailComposer.Rendered rendered) {}

  void markDelivered(String token, List<Delivered> delivered, Instant now) {
    if (delivered.isEmpty()) {
      return;
    }
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    List<Object[]> rows = new ArrayList<>();
    for (Delivered d : delivered) {
      rows.add(
          new Object[] {
            d.state().name(),
            at,
            d.rendered().subject(),
            d.rendered().text(),
            d.rendered().html(),
            d.id(),
            token
          });
    }
    jdbcTemplate.batchUpdate(
        """
        update mail_log set state = ?, attempts = attempts + 1, sent_at = ?, subject = ?, body_text = ?,
            body_html = ?, last_error = null, claimed_by = null, claimed_until = null
        where id = ? and claimed_by = ?
        """,
        rows);
  }

  void markSkipped(String token, long id, String reason, Instant now) {
    jdbc.sql(
            """
            update mail_log set state = 'SKIPPED', skip_reason = :reason, sent_at = null,
                claimed_by = null, claimed_until = null where id = :id and claimed_by = :token
            """)
        .param("reason", cut(reason, 500))
        .param("id", id)
        .param("token", token)
        .update();
  }

  void markFailed(String token, long id, String error, Instant nextAttempt) {
    jdbc.sql(
            """
            update mail_log set state = 'FAILED', attempts = attempts + 1, last_error = :e,
                next_attempt_at = :next, claimed_by = null, claimed_until = null
            where id = :id and claimed_by = :token
            """)
        .param("e", cut(error, 2000))
        .param("next", nextAttempt.atOffset(ZoneOffset.UTC))
        .param("id", id)
        .param("token", token)
        .update();
  }

  /** Gives up messages written before {@code cutoff} and still unsent; returns how many. */
  int expire(Instant cutoff, Instant now) {
    return jdbc.sql(
            """
            update mail_log set state = 'EXPIRED', skip_reason = :reason
            where state in ('PENDING', 'FAILED') and created_at < :cutoff
              and (claimed_until is null or claimed_until < :now)
            """)
        .param("reason", "超过" + properties.dispatcher().giveUpAfter().toHours() + "小时仍未能发送，已放弃")
        .param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** How many messages wait to be sent, and since when the oldest waits. */
  public record Backlog(long unsent, OffsetDateTime oldestSince) {}

  public Backlog backlog() {
    return jdbc.sql(
            "select count(*), min(created_at) from mail_log where state in ('PENDING', 'FAILED')")
        .query((rs, row) -> new Backlog(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)))
        .single();
  }

  private String toJson(Map<String, Object> model) {
    try {
      return json.writeValueAsString(model);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("A mail model must be plain values: " + e.getMessage(), e);
    }
  }

  private Map<String, Object> fromJson(String model) {
    if (model == null) {
      return Map.of();
    }
    try {
      return json.readValue(model, MODEL);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable mail model: " + e.getMessage(), e);
    }
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  private Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Entry(
        rs.getLong("id"),
        rs.getString("message_key"),
        rs.getString("message_id"),
        MailKind.valueOf(rs.getString("kind")),
        rs.getString("notice_id"),
        rs.getString("department_id"),
        List.of(rs.getString("recipients").split(",")),
        rs.getString("subject"),
        rs.getString("body_text"),
        rs.getString("body_html"),
        MailState.valueOf(rs.getString("state")),
        rs.getInt("attempts"),
        rs.getString("last_error"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("sent_at", OffsetDateTime.class),
        fromJson(rs.getString("model_json")),
        rs.getObject("next_attempt_at", OffsetDateTime.class),
        rs.getString("skip_reason"));
  }
}
