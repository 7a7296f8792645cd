package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.calendar.CalendarChanged;
import cn.datian.noticeflow.common.AsSystem;
import cn.datian.noticeflow.process.ProcessKeys;
import cn.datian.noticeflow.response.ChaseSignal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The office changed a year's holidays: what was planned on the old calendar is planned afresh at
 * once. The due-soon dates (follow-up dates, Tasklist's 即将到期) of open department tasks due in or
 * just after that year are recomputed, and every waiting deadline watch gets the {@code
 * ResponseChanged} message, so it plans its next reminder or escalation on the new days (a watch
 * busy right now plans afresh anyway when done, reading the calendar again).
 */
@Component
public class CalendarReplan {

  private static final Logger log = LoggerFactory.getLogger(CalendarReplan.class);
  static final int PAGE = 500;

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final DeadlineSchedule schedule;
  private final ChaseSignal signal;
  private final ZoneId zone;

  public CalendarReplan(
      RuntimeService runtimeService,
      TaskService taskService,
      IdentityService identityService,
      DeadlineSchedule schedule,
      ChaseSignal signal,
      NoticeflowProperties properties) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.identityService = identityService;
    this.schedule = schedule;
    this.signal = signal;
    this.zone = properties.zone();
  }

  /** After the change committed (fallback: called outside a transaction, e.g. by a tool). */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void calendarChanged(CalendarChanged event) {
    int tasks = AsSystem.call(identityService, () -> replanDueSoon(event.year()));
    int watches = signalWatches();
    log.info(
        "Calendar {} changed: {} due-soon dates moved, {} deadline watches re-planned",
        event.year(),
        tasks,
        watches);
  }

  /**
   * A due date's due-soon day lies at most a few working days before it: due in the year or early
   * in the next.
   */
  int replanDueSoon(int year) {
    Date from = Date.from(LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant());
    Date to = Date.from(LocalDate.of(year + 1, 2, 1).atStartOfDay(zone).toInstant());
    int moved = 0;
    for (int first = 0; ; first += PAGE) {
      List<Task> page =
          taskService
              .createTaskQuery()
              .processDefinitionKey(ProcessKeys.DEPARTMENT_RESPONSE)
              .dueAfter(new Date(from.getTime() - 1))
              .dueBefore(to)
              .orderByTaskId()
              .asc()
              .listPage(first, PAGE);
      for (Task task : page) {
        Date followUp = schedule.dueSoonFrom(task.getDueDate());
        if (!Objects.equals(followUp, task.getFollowUpDate())) {
          taskService.setFollowUpDate(task.getId(), followUp);
          moved++;
        }
      }
      if (page.size() < PAGE) {
        return moved;
      }
    }
  }

  /** Each waiting watch on its own: one busy instance must not undo the others' re-planning. */
  int signalWatches() {
    Set<String> instances = signal.waitingWatches();
    int signalled = 0;
    for (String instance : instances) {
      try {
        signal.responseChanged(instance);
        signalled++;
      } catch (OptimisticLockingException e) {
        log.info("Deadline watch of {} busy; it replans by itself", instance);
      }
    }
    return signalled;
  }
}
