package cn.datian.noticeflow.common;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 *
 * <p>The message is what a clerk reads: Tasklist shows it as it is (after Camunda's "Cannot submit
 * task form &lt;id&gt;: "), so it is Chinese only, names the field as the form labels it
 * (第2项活动的日期…), and carries no field id, class name or English. The field id stays on the exception
 * ({@link FormFieldValidationException#getId()}) for code.
 */
public final class TaskInput {

  private TaskInput() {}

  /** How a list's rows are called on screen ("第2项活动"), by the list variable's name. */
  private static final Map<String, String> ROW_NOUNS = Map.of("activities", "活动");

  private static final Pattern ROW_FIELD = Pattern.compile("^(\\w+)\\[(\\d+)\\](?:\\.\\w+)?$");

  /** A trailing " (…)" without a Chinese character in it: the English gloss for developers. */
  private static final Pattern ENGLISH_GLOSS = Pattern.compile("\\s*\\([^\\p{IsHan}]*\\)\\s*$");

  /** A leading "field: " or "activities[2].title: " left by older callers. */
  private static final Pattern FIELD_PREFIX = Pattern.compile("^[A-Za-z][\\w.\\[\\]]*:\\s*");

  /**
   * A refusal of the field {@code field} (a form variable, or a list row's field as {@code
   * activities[2].activityDate}, rows counted from 1 as on screen).
   */
  public static FormFieldValidationException invalid(String field, String message) {
    return new FormFieldValidationException(field, clerkMessage(field, message));
  }

  /** The message as a clerk reads it: see the class comment. */
  public static String clerkMessage(String field, String message) {
    String text = clerkMessage(message);
    Matcher row = field == null ? null : ROW_FIELD.matcher(field);
    if (row != null && row.matches() && !text.startsWith("第")) {
      String at = "第" + row.group(2) + "项" + ROW_NOUNS.getOrDefault(row.group(1), "记录");
      String noun = ROW_NOUNS.getOrDefault(row.group(1), "");
      // "活动日期不能晚于今天" reads "第2项活动的日期不能晚于今天"; others "第2项活动：请填写…"
      text =
          !noun.isEmpty() && text.startsWith(noun) && text.length() > noun.length()
              ? at + "的" + text.substring(noun.length())
              : at + "：" + text;
    }
    return text;
  }

  /** Drops a leading field id and a trailing English gloss; keeps the Chinese. */
  public static String clerkMessage(String message) {
    if (message == null) {
      return "";
    }
    String text = FIELD_PREFIX.matcher(message.strip()).replaceFirst("");
    String stripped = ENGLISH_GLOSS.matcher(text).replaceFirst("");
    return stripped.isBlank() ? text : stripped.strip();
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
      throw invalid(name, "请填写" + label);
    }
    if (text.length() > maxLength) {
      throw invalid(name, label + "不能超过" + maxLength + "字");
    }
    return text;
  }

  public static String optionalText(VariableScope task, String name, String label, int maxLength) {
    String text = text(task, name);
    if (text != null && text.length() > maxLength) {
      throw invalid(name, label + "不能超过" + maxLength + "字");
    }
    return text;
  }

  /** A radio-button decision: one of the allowed values, nothing else. */
  public static String choice(VariableScope task, String name, Set<String> allowed) {
    String value = text(task, name);
    if (value == null || !allowed.contains(value)) {
      throw invalid(name, "请选择处理结果");
    }
    return value;
  }

  /**
   * Who completes the task: the user logged in to Tasklist or the REST API (code acting for a user
   * authenticates as that user first).
   */
  public static String actor() {
    CommandContext commandContext = Context.getCommandContext();
    return commandContext == null ? null : commandContext.getAuthenticatedUserId();
  }
}
