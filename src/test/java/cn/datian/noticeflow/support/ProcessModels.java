package cn.datian.noticeflow.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The BPMN files of the project, as the model tests read them (bpmn/, by name). */
public final class ProcessModels {

  private ProcessModels() {}

  public static List<Path> bpmnFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
    }
  }
}
