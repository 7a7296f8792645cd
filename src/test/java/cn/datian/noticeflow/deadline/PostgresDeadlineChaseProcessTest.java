package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.support.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The reminder and escalation cycle on a real PostgreSQL, with the same assertions as on H2. */
@Tag("postgres")
class PostgresDeadlineChaseProcessTest extends DeadlineChaseProcessTest {

  @DynamicPropertySource
  static void onPostgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }
}
