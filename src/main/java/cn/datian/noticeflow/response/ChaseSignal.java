package cn.datian.noticeflow.response;

import cn.datian.noticeflow.common.AsSystem;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells a department's deadline watch that something changed (a return, an extension, an
 * urge): it plans its next reminder afresh (mail goes through the outbox). If the watch is busy
 * sending right now it plans afresh anyway when done, so a missed signal loses nothing.
 */
@Component
public class ChaseSignal {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChaseSignal.class);

  public static final String MESSAGE = "ResponseChanged";

  private final RuntimeService runtimeService;
  private final IdentityService identityService;

  public ChaseSignal(RuntimeService runtimeService, IdentityService identityService) {
    this.runtimeService = runtimeService;
    this.identityService = identityService;
  }

  /**
   * Signals once the current transaction has committed: the step that changed the response
   * is saved first, and the watch is never moved from inside another element's listener.
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
                log.info("Deadline watch of {} busy; it replans by itself", responseProcessInstanceId);
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
        () ->
            runtimeService
                .createMessageCorrelation(MESSAGE)
                .processInstanceId(responseProcessInstanceId)
                .correlateAllWithResult());
  }
}
