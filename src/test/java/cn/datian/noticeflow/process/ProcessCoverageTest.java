package cn.datian.noticeflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.datian.noticeflow.support.ProcessModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every flow node and sequence flow of every process is taken by some process test.
 *
 * <p>Each test class built on {@code ProcessTestSupport} records what it took
 * (camunda-process-test-coverage, {@code target/process-test-coverage/<class>/report.json}); this
 * class runs last ({@code junit-platform.properties} orders classes by {@link Order}), joins the
 * reports written by this run, writes {@code target/process-test-coverage/summary.md} and, in a
 * whole-suite run ({@code noticeflow.coverage.required}, set by Maven when no {@code -Dtest}
 * narrows the run), fails on any element no test reaches.
 */
@Order(Integer.MAX_VALUE)
class ProcessCoverageTest {

  private static final Path REPORTS = Path.of("target", "process-test-coverage");

  @Test
  void everyFlowOfEveryProcessIsTakenByATest() throws IOException {
    Map<String, Set<String>> taken = takenInThisRun();
    assumeTrue(!taken.isEmpty(), "no process test ran in this JVM");

    Map<String, Set<String>> missing = new TreeMap<>();
    StringBuilder summary =
        new StringBuilder("| process | covered | elements | missing |\n|---|---|---|---|\n");
    for (Path file : ProcessModels.bpmnFiles()) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      String key = file.getFileName().toString().replace(".bpmn", "");
      Set<String> elements = new TreeSet<>();
      model.getModelElementsByType(FlowNode.class).forEach(n -> elements.add(n.getId()));
      model.getModelElementsByType(SequenceFlow.class).forEach(f -> elements.add(f.getId()));
      Set<String> notTaken = new TreeSet<>(elements);
      notTaken.removeAll(taken.getOrDefault(key, Set.of()));
      missing.put(key, notTaken);
      summary.append(
          String.format(
              "| %s | %d | %d | %s |%n",
              key,
              elements.size() - notTaken.size(),
              elements.size(),
              String.join(", ", notTaken)));
    }
    Files.createDirectories(REPORTS);
    Files.writeString(REPORTS.resolve("summary.md"), summary.toString());
    System.out.println("Process test coverage (this run):\n" + summary);

    assumeTrue(
        Boolean.getBoolean("noticeflow.coverage.required"),
        "a narrowed run (-Dtest) covers only part of the processes");
    missing.forEach(
        (process, notTaken) ->
            assertThat(notTaken)
                .as("elements of %s that no process test takes", process)
                .isEmpty());
  }

  /** Element ids taken per process key, from the reports this JVM wrote. */
  private static Map<String, Set<String>> takenInThisRun() throws IOException {
    Map<String, Set<String>> taken = new TreeMap<>();
    if (!Files.isDirectory(REPORTS)) {
      return taken;
    }
    long startedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
    ObjectMapper json = new ObjectMapper();
    List<Path> reports = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(REPORTS)) {
      dirs.map(dir -> dir.resolve("report.json"))
          .filter(Files::isRegularFile)
          .filter(report -> modifiedAfter(report, startedAt))
          .forEach(reports::add);
    }
    for (Path report : reports) {
      for (JsonNode suite : json.readTree(report.toFile()).path("suites")) {
        for (JsonNode run : suite.path("runs")) {
          for (JsonNode event : run.path("events")) {
            taken
                .computeIfAbsent(event.path("modelKey").asText(), k -> new TreeSet<>())
                .add(event.path("definitionKey").asText());
          }
        }
      }
    }
    return taken;
  }

  private static boolean modifiedAfter(Path file, long epochMillis) {
    try {
      return Files.getLastModifiedTime(file).toMillis() >= epochMillis;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
