package cn.datian.noticeflow.bench;

import cn.datian.noticeflow.support.EmbeddedPostgresDatabase;
import cn.datian.noticeflow.support.ProcessTestSupport;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A benchmark: the application as the tests run it, on H2 or (with {@code
 * -Dbench.database=postgres}) on an embedded PostgreSQL. Benchmarks print figures and write them to
 * docs/benchmarks.md; they assert only that the work was done, never how fast.
 */
@Tag("bench")
public abstract class BenchmarkSupport extends ProcessTestSupport {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    if (BenchmarkReport.database().equals("postgres")) {
      EmbeddedPostgresDatabase.register(registry);
    }
  }
}
