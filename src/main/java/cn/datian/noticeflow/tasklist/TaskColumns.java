package cn.datian.noticeflow.tasklist;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.FixedValue;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Gives every user task the notice title and department as task variables, so Tasklist's filters
 * can show them as columns. Process variables would not do: a department may read its tasks (it is
 * their candidate group) but not the process instances behind them, and Tasklist only shows
 * variables the user may read. It also gives each task the description of its step ({@link
 * TaskDescriptions}) where the BPMN has none, for Tasklist's 说明 tab.
 *
 * <p>The copies are left out of the history: they are the process variables' values again (whose
 * history is kept), read only from the open task by Tasklist, and with history {@code full} each
 * copy cost a historic variable row and a historic detail row on creation and an update on the
 * task's completion: six history writes per task (docs/benchmarks.md, section 1). Nothing reads a
 * task's historic variables.
 */
@Component
public class TaskColumns extends AbstractProcessEnginePlugin {

  public static final String NOTICE_TITLE = "noticeTitle";
  public static final String DEPARTMENT_NAME = "departmentName";
  static final List<String> COLUMNS = List.of(NOTICE_TITLE, DEPARTMENT_NAME);

  private static final TaskListener COPY_TO_TASK =
      (DelegateTask task) -> {
        for (String name : COLUMNS) {
          Object value = task.getVariable(name);
          if (value != null) {
            task.setVariableLocal(name, value);
          }
        }
      };

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new java.util.ArrayList<>());
    }
    configuration
        .getCustomPreBPMNParseListeners()
        .add(
            new AbstractBpmnParseListener() {
              @Override
              public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                TaskDefinition definition =
                    ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, COPY_TO_TASK);
                // Tasklist's 说明 tab shows the task's description: what this step asks
                String description = TaskDescriptions.BY_TASK.get(activity.getId());
                if (definition.getDescriptionExpression() == null && description != null) {
                  definition.setDescriptionExpression(new FixedValue(description));
                }
              }
            });
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(
        new ColumnCopiesLeftOut(configuration.getHistoryEventHandler()));
  }

  /** Passes every history event on except those of a task's column copies. */
  static final class ColumnCopiesLeftOut implements HistoryEventHandler {

    private final HistoryEventHandler delegate;

    ColumnCopiesLeftOut(HistoryEventHandler delegate) {
      this.delegate = delegate;
    }

    static boolean isColumnCopy(HistoryEvent event) {
      return event instanceof HistoricVariableUpdateEventEntity variable
          && variable.getTaskId() != null
          && COLUMNS.contains(variable.getVariableName());
    }

    @Override
    public void handleEvent(HistoryEvent event) {
      if (!isColumnCopy(event)) {
        delegate.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      delegate.handleEvents(events.stream().filter(e -> !isColumnCopy(e)).toList());
    }
  }
}
