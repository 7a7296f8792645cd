package cn.datian.noticeflow.notice;

import cn.datian.noticeflow.common.TaskInput;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

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

  /**
   * The same refusal for a form in Tasklist: thrown inside the engine it rolls the start or the
   * completion back, and the REST API answers 400 with this message.
   */
  public FormFieldValidationException asFormValidation() {
    // the form shows the fields by their labels: Chinese only, no field ids
    return new FormFieldValidationException(
        problems.get(0).field(),
        problems.stream()
            .map(p -> TaskInput.clerkMessage(p.message()))
            .collect(Collectors.joining("；")));
  }

  public List<FieldProblem> problems() {
    return problems;
  }

  public record FieldProblem(String field, String message) {}
}
