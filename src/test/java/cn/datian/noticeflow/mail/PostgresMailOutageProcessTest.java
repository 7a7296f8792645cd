package cn.datian.noticeflow.mail;

import cn.datian.noticeflow.support.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outage and the racing dispatchers on a real PostgreSQL, with the same assertions as on H2.
 */
@Tag("postgres")
class PostgresMailOutageProcessTest extends MailOutageProcessTest {

  @DynamicPropertySource
  static void onPostgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }
}
