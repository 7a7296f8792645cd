package cn.datian.noticeflow.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL 17 for the integration tests: zonky's binaries from Maven Central, started once
 * per test JVM by the tests themselves (no server to install, no Docker).
 */
public final class EmbeddedPostgresDatabase {

  private static EmbeddedPostgres postgres;

  private EmbeddedPostgresDatabase() {}

  public static synchronized EmbeddedPostgres instance() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
      }
    }
    return postgres;
  }

  /** Points the application at the embedded PostgreSQL (profile "test" otherwise as is). */
  public static void register(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> instance().getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }
}
