package cn.datian.noticeflow.evidence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Evidence metadata; a removed file keeps its row (state DELETED) for the history. */
@Repository
public class EvidenceRepository {

  private final JdbcClient jdbc;

  public EvidenceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Evidence e) {
    jdbc.sql(
            """
            insert into evidence (id, notice_id, department_id, original_name, content_type, kind,
                size_bytes, sha256, uploaded_by, uploaded_at, state)
            values (:id, :noticeId, :departmentId, :name, :type, :kind, :size, :sha256, :by, :at, 'STORED')
            """)
        .param("id", e.id())
        .param("noticeId", e.noticeId())
        .param("departmentId", e.departmentId())
        .param("name", e.originalName())
        .param("type", e.contentType())
        .param("kind", e.kind().name())
        .param("size", e.size())
        .param("sha256", e.sha256())
        .param("by", e.uploadedBy())
        .param("at", e.uploadedAt().withOffsetSameInstant(ZoneOffset.UTC))
        .update();
  }

  public Optional<Evidence> findStored(String id) {
    return jdbc.sql("select * from evidence where id = :id and state = 'STORED'")
        .param("id", id)
        .query(EvidenceRepository::evidence)
        .optional();
  }

  public List<Evidence> stored(String noticeId, String departmentId) {
    return jdbc.sql(
            """
            select * from evidence where notice_id = :n and department_id = :d and state = 'STORED'
            order by uploaded_at, id
            """)
        .param("n", noticeId)
        .param("d", departmentId)
        .query(EvidenceRepository::evidence)
        .list();
  }

  public void markDeleted(String id, String user, OffsetDateTime at) {
    jdbc.sql(
            "update evidence set state = 'DELETED', deleted_by = :u, deleted_at = :at where id = :id")
        .param("id", id)
        .param("u", user)
        .param("at", at.withOffsetSameInstant(ZoneOffset.UTC))
        .update();
  }

  private static Evidence evidence(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Evidence(
        rs.getString("id"),
        rs.getString("notice_id"),
        rs.getString("department_id"),
        rs.getString("original_name"),
        rs.getString("content_type"),
        EvidenceKind.valueOf(rs.getString("kind")),
        rs.getLong("size_bytes"),
        rs.getString("sha256"),
        rs.getString("uploaded_by"),
        rs.getObject("uploaded_at", OffsetDateTime.class));
  }
}
