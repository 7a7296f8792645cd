package cn.datian.noticeflow.evidence;

import cn.datian.noticeflow.support.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Evidence upload and its refusals on a real PostgreSQL, with the same assertions as on H2. */
@Tag("postgres")
class PostgresEvidenceApiTest extends EvidenceApiTest {

  @DynamicPropertySource
  static void onPostgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }
}
