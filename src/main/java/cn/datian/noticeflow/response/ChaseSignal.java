package cn.datian.noticeflow.response;

import cn.datian.noticeflow.common.AsSystem;
import cn.datian.noticeflow.notice.NoticeRepository;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells a department's deadline watch that something changed (an acknowledgement, a return, an
 * extension, an urge, the calendar): the watch's plan is computed afresh and the watch is moved
 * only if the plan changed (mail goes through the outbox). If the watch is busy sending right now
 * it plans afresh anyway when done, so a missed signal loses nothing.
 *
 * <p>Moving costs as little as the change needs (docs/benchmarks.md, section 1): a watch whose
 * timer already falls due when the new plan says is left alone; a watch waiting on a timer gets
 * that timer's due date (and its {@code nextChaseAt}) set; only a watch waiting with nothing owed
 * (no timer) is woken by the {@value #MESSAGE} message and runs its planning step. The timer's
 * firing reads what is owed afresh, so a timer left standing when nothing is owed any more only
 * finds nothing to send.
 */
@Component
public class ChaseSignal {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChaseSignal.class);

  public static final String MESSAGE = "ResponseChanged";

  /** The watch's timer in department-response.bpmn, and the variable its due date comes from. */
  static final String CHASE_TIMER = "IntermediateCatchEvent_ChaseDue";

  static final String NEXT_CHASE_AT = "nextChaseAt";

  /**
   * The answer watch's timer (voluntary recipients only): due at the notice's acknowledge-by date.
   */
  static final String ANSWER_TIMER = "IntermediateCatchEvent_AnswerDue";

  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final IdentityService identityService;
  private final ResponseRepository recipients;
  private final ChasePlan chase;
  private final NoticeRepository notices;
  private final TransactionTemplate transaction;

  public ChaseSignal(
      RuntimeService runtimeService,
      ManagementService managementService,
      IdentityService identityService,
      ResponseRepository recipients,
      ChasePlan chase,
      NoticeRepository notices,
      PlatformTransactionManager transactionManager) {
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.identityService = identityService;
    this.recipients = recipients;
    this.notices = notices;
    this.chase = chase;
    // its own transaction: after the caller's commit, a joined one would not commit by itself
    this.transaction = new TransactionTemplate(transactionManager);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Signals once the current transaction has committed: the step that changed the response is saved
   * first, and the watch is never moved from inside another element's listener.
   */
  public void responseChangedAfterCommit(String responseProcessInstanceId) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              try {
                responseChanged(responseProcessInstanceId);
              } catch (OptimisticLockingException e) {
                // the watch moved at this moment (its own job, or another signal): it plans
                // afresh when done, and what changed is committed already; not the caller's error
                log.info(
                    "Deadline watch of {} busy; it replans by itself", responseProcessInstanceId);
              }
            }
          });
    } else {
      responseChanged(responseProcessInstanceId);
    }
  }

  public void responseChanged(String responseProcessInstanceId) {
    AsSystem.run(
        identityService,
        () -> transaction.executeWithoutResult(status -> replan(responseProcessInstanceId)));
  }

  /** What it did with the watch: left it, moved its timer, or woke it. */
  enum Replan {
    UNCHANGED,
    TIMER_MOVED,
    WOKEN
  }

  Replan replan(String responseProcessInstanceId) {
    Optional<NoticeRecipient> recipient = recipients.recipientOfProcess(responseProcessInstanceId);
    Job timer =
        managementService
            .createJobQuery()
            .processInstanceId(responseProcessInstanceId)
            .activityId(CHASE_TIMER)
            .timers()
            .singleResult();
    if (recipient.isEmpty()) {
      return wake(responseProcessInstanceId); // an unbound (pre-V5) instance: the watch binds it
    }
    Date planned = chase.nextChaseAt(recipient.get().noticeId(), recipient.get().departmentId());
    if (timer != null) {
      if (planned == null || planned.getTime() == timer.getDuedate().getTime()) {
        // nothing owed any more (the timer's firing finds so and waits), or the same plan
        return Replan.UNCHANGED;
      }
      managementService.setJobDuedate(timer.getId(), planned);
      runtimeService.setVariable(timer.getExecutionId(), NEXT_CHASE_AT, planned);
      return Replan.TIMER_MOVED;
    }
    if (planned == null
        // (by execution: subscriptions have no index on the process instance, executions do)
        && runtimeService
                .createExecutionQuery()
                .processInstanceId(responseProcessInstanceId)
                .messageEventSubscriptionName(MESSAGE)
                .count()
            > 0
        && !answerWatchStale(responseProcessInstanceId, recipient.get().noticeId())) {
      return Replan.UNCHANGED; // waiting with nothing owed, and still nothing owed
    }
    return wake(responseProcessInstanceId);
  }

  /**
   * A voluntary recipient's answer watch waits on a timer due at the notice's acknowledge-by date;
   * when that date moved, the watch must hear ResponseChanged to plan its timer afresh.
   */
  private boolean answerWatchStale(String responseProcessInstanceId, String noticeId) {
    Job answerTimer =
        managementService
            .createJobQuery()
            .processInstanceId(responseProcessInstanceId)
            .activityId(ANSWER_TIMER)
            .timers()
            .singleResult();
    if (answerTimer == null) {
      return false;
    }
    return notices
        .find(noticeId)
        .map(
            n -> n.acknowledgeBy().toInstant().toEpochMilli() != answerTimer.getDuedate().getTime())
        .orElse(false);
  }

  /**
   * Every response whose watch waits: on a timer for its next reminder (moved in place), or on
   * {@value #MESSAGE} with nothing owed (or an enterprise's answer watch).
   */
  public java.util.Set<String> waitingWatches() {
    java.util.Set<String> instances = new java.util.LinkedHashSet<>();
    AsSystem.run(
        identityService,
        () -> {
          runtimeService
              .createEventSubscriptionQuery()
              .eventType("message")
              .eventName(MESSAGE)
              .list()
              .forEach(s -> instances.add(s.getProcessInstanceId()));
          managementService
              .createJobQuery()
              .activityId(CHASE_TIMER)
              .timers()
              .list()
              .forEach(timer -> instances.add(timer.getProcessInstanceId()));
        });
    return instances;
  }

  private Replan wake(String responseProcessInstanceId) {
    runtimeService
        .createMessageCorrelation(MESSAGE)
        .processInstanceId(responseProcessInstanceId)
        .correlateAllWithResult();
    return Replan.WOKEN;
  }
}
