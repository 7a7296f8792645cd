package cn.datian.noticeflow.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Attachment metadata; a removed file keeps its row (deleted_at) for the history. */
@Repository
public class AttachmentRepository {

  private final JdbcClient jdbc;

  public AttachmentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(NoticeAttachment a) {
    jdbc.sql(
            """
            insert into notice_attachment (id, notice_id, original_name, content_type, size_bytes, sha256,
                uploaded_by, uploaded_at)
            values (:id, :noticeId, :name, :type, :size, :sha256, :by, :at)
            """)
        .param("id", a.id())
        .param("noticeId", a.noticeId())
        .param("name", a.originalName())
        .param("type", a.contentType())
        .param("size", a.size())
        .param("sha256", a.sha256())
        .param("by", a.uploadedBy())
        .param("at", a.uploadedAt().withOffsetSameInstant(ZoneOffset.UTC))
        .update();
  }

  /** The stored attachments in the order they were added. */
  public List<NoticeAttachment> stored(String noticeId) {
    return jdbc.sql(
            "select * from notice_attachment where notice_id = :n and deleted_at is null order by uploaded_at, id")
        .param("n", noticeId)
        .query(AttachmentRepository::attachment)
        .list();
  }

  public Optional<NoticeAttachment> findStored(String noticeId, String id) {
    return jdbc.sql(
            "select * from notice_attachment where notice_id = :n and id = :id and deleted_at is null")
        .param("n", noticeId)
        .param("id", id)
        .query(AttachmentRepository::attachment)
        .optional();
  }

  public void markDeleted(String id, String user, OffsetDateTime at) {
    jdbc.sql("update notice_attachment set deleted_at = :at, deleted_by = :by where id = :id")
        .param("id", id)
        .param("by", user)
        .param("at", at.withOffsetSameInstant(ZoneOffset.UTC))
        .update();
  }

  private static NoticeAttachment attachment(ResultSet rs, int row) throws SQLException {
    return new NoticeAttachment(
        rs.getString("id"),
        rs.getString("notice_id"),
        rs.getString("original_name"),
        rs.getString("content_type"),
        rs.getLong("size_bytes"),
        rs.getString("sha256"),
        rs.getString("uploaded_by"),
        rs.getObject("uploaded_at", OffsetDateTime.class),
        false,
        null);
  }
}
