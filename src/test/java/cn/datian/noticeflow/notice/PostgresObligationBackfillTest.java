package cn.datian.noticeflow.notice;

import cn.datian.noticeflow.support.EmbeddedPostgresDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.springframework.jdbc.core.JdbcTemplate;

/** Migration V10's backfill on a real PostgreSQL, with the same assertions as on H2. */
@Tag("postgres")
class PostgresObligationBackfillTest extends ObligationBackfillTest {

  @Override
  protected DataSource database() {
    // a database of its own on the shared embedded server: the migrations start from nothing
    DataSource server = EmbeddedPostgresDatabase.instance().getPostgresDatabase();
    JdbcTemplate jdbc = new JdbcTemplate(server);
    jdbc.execute("drop database if exists obligation_backfill");
    jdbc.execute("create database obligation_backfill");
    return EmbeddedPostgresDatabase.instance().getDatabase("postgres", "obligation_backfill");
  }
}
