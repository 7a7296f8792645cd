package cn.datian.noticeflow.notice;

import cn.datian.noticeflow.support.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The seed notice carried to closure on a real PostgreSQL, with the same assertions as on H2. */
@Tag("postgres")
class PostgresSeedNoticeEndToEndTest extends SeedNoticeEndToEndTest {

  @DynamicPropertySource
  static void onPostgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }
}
