package cn.datian.noticeflow.common;

import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Reads what a user entered in a task form, and rejects it with a message the user can act on.
 *
 * <p>The checks run in an execution listener on the user task's {@code end} event, inside the
 * completion's transaction. A rejection is a {@link FormFieldValidationException}: it rolls the
 * completion back, and Camunda's REST API (and so Tasklist) answers 400 with the message. (Task
 * listeners would not do: the engine wraps their exceptions, and the REST API answers 500.)
 */
public final class TaskInput {

  private TaskInput() {}

  public static FormFieldValidationException invalid(String field, String message) {
    return new FormFieldValidationException(field, field + ": " + message);
  }

  public static String text(VariableScope task, String name) {
    Object value = task.getVariable(name);
    if (value == null) {
      return null;
    }
    String text = value.toString().strip();
    return text.isEmpty() ? null : text;
  }

  public static String requiredText(VariableScope task, String name, String label, int maxLength) {
    String text = text(task, name);
    if (text == null) {
      throw invalid(name, "请填写" + label + " (" + name + " is required)");
    }
    if (text.length() > maxLength) {
      throw invalid(name, label + "不能超过" + maxLength + "字 (at most " + maxLength + ")");
    }
    return text;
  }

  public static String optionalText(VariableScope task, String name, String label, int maxLength) {
    String text = text(task, name);
    if (text != null && text.length() > maxLength) {
      throw invalid(name, label + "不能超过" + maxLength + "字 (at most " + maxLength + ")");
    }
    return text;
  }

  /** A radio-button decision: one of the allowed values, nothing else. */
  public static String choice(VariableScope task, String name, Set<String> allowed) {
    String value = text(task, name);
    if (value == null || !allowed.contains(value)) {
      throw invalid(name, "请选择处理结果 (one of " + allowed + ")");
    }
    return value;
  }

  /**
   * Who completes the task: the user logged in to Tasklist or the REST API (code acting for a
   * user authenticates as that user first).
   */
  public static String actor() {
    CommandContext commandContext = Context.getCommandContext();
    return commandContext == null ? null : commandContext.getAuthenticatedUserId();
  }
}
