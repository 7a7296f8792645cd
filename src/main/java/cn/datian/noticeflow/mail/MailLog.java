package cn.datian.noticeflow.mail;

import cn.datian.noticeflow.common.EngineTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every message the system sends, one row each, keyed by what it is (the same reminder of the
 * same deadline always has the same key). Writing a key twice writes nothing: this is what
 * keeps a retried or clustered job from sending a message twice.
 */
@Repository
public class MailLog {

  private final JdbcClient jdbc;
  private final MailProperties properties;

  public MailLog(JdbcClient jdbc, MailProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
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
      OffsetDateTime sentAt) {}

  public boolean contains(String key) {
    return jdbc.sql("select count(*) from mail_log where message_key = :key")
            .param("key", key)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Writes the message as pending; false when a message with its key exists already. */
  public boolean add(MailMessage message, MailComposer.Rendered rendered) {
    if (contains(message.key())) {
      return false;
    }
    try {
      jdbc.sql(
              """
              insert into mail_log (message_key, message_id, kind, notice_id, department_id,
                  recipients, subject, body_text, body_html, state, attempts, created_at)
              values (:key, :messageId, :kind, :noticeId, :departmentId, :recipients, :subject,
                  :text, :html, 'PENDING', 0, :createdAt)
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
          .param("createdAt", EngineTime.nowUtc())
          .update();
      return true;
    } catch (DuplicateKeyException raced) {
      return false; // another node wrote it first
    }
  }

  /** The same key gives the same Message-ID, so even a receiving server can tell a repeat. */
  String messageId(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(hash, 0, 16) + "@" + properties.messageIdDomain() + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@link #unsent} would find anything, without reading the messages. */
  public boolean hasUnsent(String noticeId, String departmentId) {
    return jdbc.sql(
                """
                select count(*) from mail_log where notice_id = :n and department_id = :d
                  and state in ('PENDING', 'FAILED')
                """)
            .param("n", noticeId)
            .param("d", departmentId)
            .query(Long.class)
            .single()
        > 0;
  }

  public List<Entry> unsent(String noticeId, String departmentId) {
    return jdbc.sql(
            """
            select * from mail_log where notice_id = :n and department_id = :d
              and state in ('PENDING', 'FAILED') order by id
            """)
        .param("n", noticeId)
        .param("d", departmentId)
        .query(MailLog::entry)
        .list();
  }

  public List<Entry> findAll(String noticeId) {
    return jdbc.sql("select * from mail_log where notice_id = :n order by id")
        .param("n", noticeId)
        .query(MailLog::entry)
        .list();
  }

  public List<Entry> findByKeyPrefix(String prefix) {
    return jdbc.sql("select * from mail_log where message_key like :p order by id")
        .param("p", prefix + "%")
        .query(MailLog::entry)
        .list();
  }

  void markDone(long id, MailState state) {
    jdbc.sql(
            """
            update mail_log set state = :state, attempts = attempts + 1, sent_at = :at,
                last_error = null where id = :id
            """)
        .param("id", id)
        .param("state", state.name())
        .param("at", EngineTime.nowUtc())
        .update();
  }

  void markFailed(long id, String error) {
    jdbc.sql(
            "update mail_log set state = 'FAILED', attempts = attempts + 1, last_error = :e where id = :id")
        .param("id", id)
        .param("e", error.length() > 2000 ? error.substring(0, 2000) : error)
        .update();
  }

  private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
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
        rs.getObject("sent_at", OffsetDateTime.class));
  }
}
