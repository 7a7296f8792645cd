package cn.datian.noticeflow.notice;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The fan-out of one notice to its recipients' top-level department-response instances: which
 * recipients still wait for their response to start, whether any is still unfinished, and the
 * notice's {@code notice_fan_out} row, under whose lock "all finished" is decided (whether any
 * recipient is unfinished is its stage's question: {@link NoticeRecipients#anyUnfinished}).
 */
@Repository
public class FanOutRepository {

  private final JdbcClient jdbc;

  public FanOutRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Opened when the notice is published, before any response starts. */
  public void open(String noticeId, OffsetDateTime at) {
    jdbc.sql("insert into notice_fan_out (notice_id, published_at) values (:id, :at)")
        .param("id", noticeId)
        .param("at", at.withOffsetSameInstant(ZoneOffset.UTC))
        .update();
  }

  /**
   * Locks the notice's fan-out row until the transaction ends, on every node sharing the database,
   * and says whether every response was already marked finished. Empty for a notice published
   * before the fan-out had its row (a call activity waited for its responses then).
   */
  public Optional<Boolean> lock(String noticeId) {
    return jdbc.sql(
            "select responses_finished_at from notice_fan_out where notice_id = :id for update")
        .param("id", noticeId)
        .query((rs, i) -> rs.getObject(1) != null)
        .optional();
  }

  /** Marks every response finished, once: true for the one caller that marked it. */
  public boolean markFinished(String noticeId, OffsetDateTime at) {
    return jdbc.sql(
                "update notice_fan_out set responses_finished_at = :at where notice_id = :id and responses_finished_at is null")
            .param("id", noticeId)
            .param("at", at.withOffsetSameInstant(ZoneOffset.UTC))
            .update()
        == 1;
  }

  public boolean finished(String noticeId) {
    return jdbc.sql(
                "select count(*) from notice_fan_out where notice_id = :id and responses_finished_at is not null")
            .param("id", noticeId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The next recipients whose response has not been started, in the directory's id order. */
  public List<String> unstarted(String noticeId, int limit) {
    return jdbc.sql(
            """
            select department_id from notice_recipient
            where notice_id = :id and process_instance_id is null
            order by department_id
            fetch first :limit rows only
            """)
        .param("id", noticeId)
        .param("limit", limit)
        .query(String.class)
        .list();
  }
}
