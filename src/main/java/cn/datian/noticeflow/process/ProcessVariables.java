package cn.datian.noticeflow.process;

import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The process variables the application itself passes between its processes and its Java code, each
 * with its name and type in this one place. What a user submits on a form is input, read and
 * checked through {@code common.TaskInput}; and which notice and department a response works for
 * comes from its record ({@code response.ResponseRecord}), never from a variable a user could have
 * set.
 */
public final class ProcessVariables {

  /** The notice: the lifecycle's start, a response's start, a 督办 or urge instance. */
  public static final Variable<String> NOTICE_ID = new Variable<>("noticeId", String.class);

  /** The department: a response's start (from the fan-out), a 督办 instance. */
  public static final Variable<String> DEPARTMENT_ID = new Variable<>("departmentId", String.class);

  /** Who drafted the notice (set by the lifecycle's start, never by a form). */
  public static final Variable<String> DRAFTER = new Variable<>("drafter", String.class);

  /** An extension request: the deadline asked for, why, and by whom (set by ExtensionService). */
  public static final Variable<Date> REQUESTED_DEADLINE =
      new Variable<>("requestedDeadline", Date.class);

  public static final Variable<String> EXTENSION_REASON =
      new Variable<>("extensionReason", String.class);
  public static final Variable<String> EXTENSION_REQUESTED_BY =
      new Variable<>("extensionRequestedBy", String.class);

  private ProcessVariables() {}

  /** A variable's name and type: read and written typed, so no call site casts. */
  public record Variable<T>(String name, Class<T> type) {

    /** The value in this scope (or a parent's), null when unset. */
    public T get(VariableScope scope) {
      return type.cast(scope.getVariable(name));
    }

    public void set(VariableScope scope, T value) {
      scope.setVariable(name, value);
    }
  }
}
