package cn.datian.noticeflow.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class NoticeDocumentRepository {

  private final JdbcClient jdbc;

  public NoticeDocumentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(NoticeDocument d) {
    jdbc.sql(
            """
            insert into notice_document (id, notice_id, kind, version, file_name, size_bytes, sha256,
                created_by, created_at)
            values (:id, :noticeId, :kind, :version, :fileName, :size, :sha256, :by, :at)
            """)
        .param("id", d.id())
        .param("noticeId", d.noticeId())
        .param("kind", d.kind().name())
        .param("version", d.version())
        .param("fileName", d.fileName())
        .param("size", d.size())
        .param("sha256", d.sha256())
        .param("by", d.createdBy())
        .param("at", d.createdAt().withOffsetSameInstant(ZoneOffset.UTC))
        .update();
  }

  public int nextVersion(String noticeId, DocumentKind kind) {
    return jdbc.sql(
            "select coalesce(max(version), 0) + 1 from notice_document where notice_id = :n and kind = :k")
        .param("n", noticeId)
        .param("k", kind.name())
        .query(Integer.class)
        .single();
  }

  public Optional<NoticeDocument> latest(String noticeId, DocumentKind kind) {
    return jdbc.sql(
            """
            select * from notice_document where notice_id = :n and kind = :k
            order by version desc limit 1
            """)
        .param("n", noticeId)
        .param("k", kind.name())
        .query(NoticeDocumentRepository::document)
        .optional();
  }

  public List<NoticeDocument> all(String noticeId) {
    return jdbc.sql(
            "select * from notice_document where notice_id = :n order by created_at, version")
        .param("n", noticeId)
        .query(NoticeDocumentRepository::document)
        .list();
  }

  public Optional<NoticeDocument> find(String noticeId, String id) {
    return jdbc.sql("select * from notice_document where notice_id = :n and id = :id")
        .param("n", noticeId)
        .param("id", id)
        .query(NoticeDocumentRepository::document)
        .optional();
  }

  private static NoticeDocument document(ResultSet rs, int row) throws SQLException {
    return new NoticeDocument(
        rs.getString("id"),
        rs.getString("notice_id"),
        DocumentKind.valueOf(rs.getString("kind")),
        rs.getInt("version"),
        rs.getString("file_name"),
        rs.getLong("size_bytes"),
        rs.getString("sha256"),
        rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class));
  }
}
