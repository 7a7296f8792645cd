package cn.datian.noticeflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine runs on the build machines: the compose file is checked as YAML. */
class DockerComposeTest {

  @Test
  @SuppressWarnings("unchecked")
  void composeFile_hasTheAppOnPostgres17WithMailpit_andNoSecretInIt() throws Exception {
    Map<String, Object> compose;
    try (Reader in = Files.newBufferedReader(Path.of("docker/compose.yaml"))) {
      compose = new Yaml().load(in);
    }
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services).containsOnlyKeys("app", "postgres", "mailpit");

    Map<String, Object> app = services.get("app");
    Map<String, String> env = (Map<String, String>) app.get("environment");
    assertThat(env)
        .containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
        .containsEntry("SPRING_MAIL_HOST", "mailpit");
    assertThat(env.get("NOTICEFLOW_DB_PASSWORD")).startsWith("${").contains(":?");
    assertThat(env.get("NOTICEFLOW_ADMIN_PASSWORD")).startsWith("${").contains(":?");
    assertThat((List<String>) app.get("ports"))
        .containsExactly("8080-8081:8080"); // room for two replicas
    assertThat((List<String>) app.get("volumes")).anyMatch(v -> v.startsWith("evidence:"));
    assertThat(((Map<String, Object>) app.get("build")).get("dockerfile"))
        .isEqualTo("docker/Dockerfile");

    Map<String, Object> postgres = services.get("postgres");
    assertThat(postgres.get("image")).isEqualTo("postgres:17");
    assertThat((List<String>) postgres.get("volumes"))
        .anyMatch(v -> v.startsWith("postgres-data:"));
    assertThat(((Map<String, String>) postgres.get("environment")).get("POSTGRES_PASSWORD"))
        .startsWith("${");
    assertThat(services.get("mailpit").get("image").toString()).startsWith("axllent/mailpit");
    assertThat((Map<String, Object>) compose.get("volumes"))
        .containsKeys("postgres-data", "evidence");

    String dockerfile = Files.readString(Path.of("docker/Dockerfile"));
    assertThat(dockerfile)
        .contains(
            "FROM eclipse-temurin:17-jdk AS build",
            "FROM eclipse-temurin:17-jre",
            "USER noticeflow",
            "HEALTHCHECK");
    assertThat(dockerfile).doesNotContainIgnoringCase("password=");
  }
}
