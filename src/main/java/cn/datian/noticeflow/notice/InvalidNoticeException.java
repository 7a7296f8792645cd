package cn.datian.noticeflow.notice;

import java.util.List;
import java.util.stream.Collectors;

/** A notice that cannot be issued as given; names every field that is wrong. */
public class InvalidNoticeException extends RuntimeException {

  private final List<FieldProblem> problems;

  public InvalidNoticeException(List<FieldProblem> problems) {
    super(
        problems.stream()
            .map(p -> p.field() + ": " + p.message())
            .collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }

  public record FieldProblem(String field, String message) {}
}
