package cn.datian.noticeflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.support.EmbeddedPostgresDatabase;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.HttpEncodingAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Start-up: from launching {@code java} to Tasklist ready (HTTP 200 from /camunda/app/tasklist/ and
 * readiness UP), three cold starts, each a fresh process on a fresh database, run as the demo runs
 * (default profile: demo users, the demo notice issued and signed off, job executor on; only the
 * database and the evidence store are pointed elsewhere). The baseline, started the same way in
 * turn with each of them: a bare Spring Boot web application (Tomcat and Spring MVC only) on the
 * same classpath and JVM options, until its one endpoint answers 200.
 *
 * <p>It starts the application itself, in processes of its own, so it is no Spring test.
 */
@Tag("bench")
class StartupBenchmark {

  private static final String NAME = "6. Start-up to Tasklist ready";
  private static final int RUNS = 3;
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx1g", "-Dfile.encoding=UTF-8", "-Duser.timezone=UTC");
  private static final Path WORK = Path.of("target", "bench-startup");
  private static final Pattern STARTED =
      Pattern.compile("Started [\\w.$]+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(
              HttpClient.Redirect.NORMAL) // /camunda/app/tasklist/ redirects to .../default/
          .build();

  record Start(double seconds, double springStarted, double processRunning) {}

  @Test
  void coldStartsAgainstABareWebApplication() throws Exception {
    FileSystemUtils.deleteRecursively(WORK);
    Files.createDirectories(WORK);
    boolean postgres = BenchmarkReport.database().equals("postgres");
    if (postgres) {
      EmbeddedPostgresDatabase.instance(); // started before the clock runs, as a server would be
    }
    List<Start> app = new ArrayList<>();
    List<Start> bare = new ArrayList<>();
    for (int run = 1; run <= RUNS; run++) {
      bare.add(startBare(run));
      app.add(postgres ? startOnFreshPostgres(run) : startOnH2(run));
    }
    FileSystemUtils.deleteRecursively(WORK.resolve("evidence"));

    double appMedian = BenchmarkReport.median(app.stream().map(Start::seconds).toList());
    double bareMedian = BenchmarkReport.median(bare.stream().map(Start::seconds).toList());
    String markdown =
        """
        | | runs | launch → ready, s (median) | each run, s | Spring Boot's "Started … in", s (each) | "process running for", s (each) |
        | --- | ---: | ---: | --- | --- | --- |
        | noticeflow as the demo: readiness UP and `/camunda/app/tasklist/` 200 | %d | %.1f | %s | %s | %s |
        | baseline: bare Spring Boot web app (Tomcat + MVC), its endpoint 200 | %d | %.1f | %s | %s | %s |

        **noticeflow is ready %.1f s after `java` is launched: %.1f s more than the baseline (%.1f×).**

        What it means: how long an operator waits after (re)starting a node before Tasklist can be used and a
        load balancer sends the node traffic. It covers a cold JVM, %s, the engine and its schema, Flyway, the
        demo users, the deployment of processes and forms, and the demo notice issued and signed off (an
        application runner: it runs after Spring Boot logs "Started", before readiness turns UP). Each run is a
        fresh process with the test run's classpath and `%s`, polled every 50 ms; the bare application shows
        what any Spring Boot web application costs on this machine, so the difference is what noticeflow adds.
        """
            .formatted(
                RUNS,
                appMedian,
                seconds(app, Start::seconds),
                seconds(app, Start::springStarted),
                seconds(app, Start::processRunning),
                RUNS,
                bareMedian,
                seconds(bare, Start::seconds),
                seconds(bare, Start::springStarted),
                seconds(bare, Start::processRunning),
                appMedian,
                appMedian - bareMedian,
                appMedian / bareMedian,
                postgres
                    ? "a fresh PostgreSQL database each run (created on the embedded server just before the launch)"
                    : "a fresh in-memory H2 database",
                String.join(" ", JVM_OPTIONS));
    BenchmarkReport.publish(NAME, markdown);
  }

  // --- the runs --------------------------------------------------------------------------------

  private Start startOnH2(int run) throws Exception {
    return startApp(run, "jdbc:h2:mem:bench-startup-" + run + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  private Start startOnFreshPostgres(int run) throws Exception {
    String database = "bench_startup_" + run + "_" + Long.toString(System.nanoTime(), 36);
    var server = EmbeddedPostgresDatabase.instance();
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    try {
      return startApp(run, server.getJdbcUrl("postgres", database), "postgres", "postgres");
    } finally {
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  /** The application as the demo runs it, on the given database. */
  private Start startApp(int run, String url, String user, String password) throws Exception {
    int port = freePort();
    List<String> args =
        List.of(
            "cn.datian.noticeflow.NoticeflowApplication",
            "--server.port=" + port,
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + user,
            "--spring.datasource.password=" + password,
            "--noticeflow.evidence.store=" + WORK.resolve("evidence"));
    return timeStart("noticeflow-" + run, args, () -> ready(port));
  }

  private Start startBare(int run) throws Exception {
    int port = freePort();
    List<String> args = List.of(BareWebApplication.class.getName(), "--server.port=" + port);
    return timeStart("bare-" + run, args, () -> get(port, "/ready") == 200);
  }

  private volatile String lastAnswers = "none yet";

  /**
   * Readiness UP, and Tasklist's page 200 (after its redirect to /camunda/app/tasklist/default/).
   */
  private boolean ready(int port) {
    HttpResponse<String> readiness = send(port, "/actuator/health/readiness");
    if (readiness == null
        || readiness.statusCode() != 200
        || !readiness.body().contains("\"UP\"")) {
      lastAnswers =
          "readiness "
              + (readiness == null ? "no answer" : readiness.statusCode() + " " + readiness.body());
      return false;
    }
    int tasklist = get(port, "/camunda/app/tasklist/");
    lastAnswers = "readiness UP, tasklist " + tasklist;
    return tasklist == 200;
  }

  interface Probe {
    boolean ready() throws Exception;
  }

  /** Launches {@code java} with the test run's classpath; the clock stops when the probe holds. */
  private Start timeStart(String name, List<String> mainAndArgs, Probe probe) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(JVM_OPTIONS);
    command.add("-cp");
    command.add(classpath());
    command.addAll(mainAndArgs);
    File log = WORK.resolve(name + ".log").toFile();
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
    // the demo's configuration, whatever the shell that runs the benchmark exports
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("SPRING_") || k.startsWith("NOTICEFLOW_"));
    long started = System.nanoTime();
    Process process = builder.start();
    try {
      long deadline = started + TIMEOUT.toNanos();
      while (!probe.ready()) {
        if (!process.isAlive()) {
          throw new AssertionError(
              name + " exited with " + process.exitValue() + ":\n" + tail(log));
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              name
                  + " not ready after "
                  + TIMEOUT
                  + " (last answers: "
                  + lastAnswers
                  + "):\n"
                  + tail(log));
        }
        Thread.sleep(50);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Matcher m = STARTED.matcher(Files.readString(log.toPath(), StandardCharsets.UTF_8));
      assertThat(m.find()).as(name + " logged its start:\n" + tail(log)).isTrue();
      Start start =
          new Start(seconds, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
      System.out.printf(
          Locale.ROOT,
          "START-UP %s: ready after %.2f s (Spring: started in %.2f s, process running for %.2f s)%n",
          name,
          start.seconds(),
          start.springStarted(),
          start.processRunning());
      return start;
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }

  /**
   * The test run's classpath. Surefire may start its JVM from a manifest-only jar; it then still
   * sets java.class.path to the real classpath, and surefire.test.class.path too.
   */
  static String classpath() {
    String classpath = System.getProperty("surefire.test.class.path");
    if (classpath == null || classpath.isBlank()) {
      classpath = System.getProperty("java.class.path");
    }
    assertThat(classpath)
        .as("the classpath holds the application and this class")
        .contains(Path.of("target", "classes").toString())
        .contains(Path.of("target", "test-classes").toString());
    return classpath;
  }

  // --- HTTP ------------------------------------------------------------------------------------

  private int get(int port, String path) {
    HttpResponse<String> answer = send(port, path);
    return answer == null ? -1 : answer.statusCode();
  }

  private HttpResponse<String> send(int port, String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // --- figures ---------------------------------------------------------------------------------

  private static String tail(File log) {
    try {
      List<String> lines = Files.readAllLines(log.toPath(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static String seconds(
      List<Start> starts, java.util.function.ToDoubleFunction<Start> figure) {
    return starts.stream()
        .map(s -> String.format(Locale.ROOT, "%.1f", figure.applyAsDouble(s)))
        .collect(Collectors.joining(", "));
  }

  /**
   * The baseline: the least a Spring Boot web application is, on the same classpath and JVM
   * options: embedded Tomcat and Spring MVC with Jackson, and one endpoint ({@code GET /ready}); no
   * database, no engine, no security, no actuator. Deliberately neither
   * {@code @SpringBootApplication} nor {@code @Configuration}, so the application's component scan
   * (test classes are on the classpath of every test context) never finds it; it is a configuration
   * only as the primary source of its own process.
   */
  @ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class,
    SslAutoConfiguration.class,
    ServletWebServerFactoryAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    HttpEncodingAutoConfiguration.class,
    MultipartAutoConfiguration.class,
    ErrorMvcAutoConfiguration.class
  })
  public static class BareWebApplication {

    public static void main(String[] args) {
      SpringApplication.run(BareWebApplication.class, args);
    }

    @Bean
    RouterFunction<ServerResponse> ready() {
      return RouterFunctions.route()
          .GET("/ready", request -> ServerResponse.ok().body("UP"))
          .build();
    }
  }
}
