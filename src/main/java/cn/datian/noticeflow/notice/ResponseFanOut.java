package cn.datian.noticeflow.notice;

import cn.datian.noticeflow.common.AsSystem;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.process.ProcessKeys;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The notice's fan-out (#15): every recipient's {@code department-response} runs as a top-level
 * process instance (business key = the notice id, so Cockpit lists a notice's responses), started
 * in batches by the lifecycle; the lifecycle then waits until the last recipient is finished.
 *
 * <p>Why not a multi-instance call activity: Camunda 7 loads the whole execution tree of the
 * notice's instance for every job of it, and runs one instance's jobs one at a time, so the fan-out
 * grew with n² (1,000 recipients did not fan out in five minutes; docs/benchmarks.md).
 *
 * <p>"All finished" is decided under the lock of the notice's fan-out row, by two parties: each
 * response as it ends, and the lifecycle once, just before it waits. Whoever finds no recipient
 * unfinished marks the row; a response correlates the lifecycle's message only if the lifecycle
 * already waits for it (its subscription committed with the lifecycle's check), otherwise the
 * lifecycle's check, which comes later under the same lock, sees the mark's condition itself. So an
 * early finish cannot be missed, and two last responses finishing at once (on two nodes) continue
 * the lifecycle once.
 */
@Service("responseFanOut")
public class ResponseFanOut {

  /** The message the lifecycle waits for at IntermediateCatchEvent_AllResponsesFinished. */
  public static final String ALL_RESPONSES_FINISHED = "AllResponsesFinished";

  private final FanOutRepository fanOut;
  private final NoticeRepository notices;
  private final NoticeRecipients recipients;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final int batchSize;

  public ResponseFanOut(
      FanOutRepository fanOut,
      NoticeRepository notices,
      NoticeRecipients recipients,
      RuntimeService runtimeService,
      IdentityService identityService,
      @Value("${noticeflow.fan-out.batch-size:100}") int batchSize) {
    this.fanOut = fanOut;
    this.notices = notices;
    this.recipients = recipients;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.batchSize = batchSize;
  }

  /**
   * Task_StartResponseBatch: starts the next batch of recipients' responses, each bound to its
   * recipient's row at once. Their start is asynchronous (StartEvent_NoticeReceived), so this only
   * creates the instances and their start jobs: a recipient whose start fails fails in its own job,
   * as one incident on its own instance, and the others go on.
   */
  public int startNextBatch(String noticeId) {
    List<String> departments = fanOut.unstarted(noticeId, batchSize);
    for (String departmentId : departments) {
      ProcessInstance response =
          runtimeService
              .createProcessInstanceByKey(ProcessKeys.DEPARTMENT_RESPONSE)
              .businessKey(noticeId)
              // what Tasklist's columns and Cockpit show; the response itself reads its row
              .setVariable("noticeId", noticeId)
              .setVariable("departmentId", departmentId)
              .execute();
      recipients.bindResponse(noticeId, departmentId, response.getId());
    }
    return departments.size();
  }

  /** For Gateway_MoreToStart: a recipient whose response is not started yet. */
  public boolean moreToStart(DelegateExecution execution) {
    return !fanOut.unstarted(noticeOf(execution), 1).isEmpty();
  }

  /**
   * Task_CheckResponsesFinished, just before the lifecycle waits: under the fan-out row's lock,
   * marks every response finished if none is unfinished (all could have finished while later
   * batches were starting). Its subscription, if it then waits, commits with this lock held.
   */
  public void checkBeforeWaiting(String noticeId) {
    if (fanOut.lock(noticeId).isEmpty()) {
      throw new IllegalStateException("Notice " + noticeId + " has no fan-out row: not published?");
    }
    if (!recipients.anyUnfinished(noticeId)) {
      fanOut.markFinished(noticeId, EngineTime.nowUtc());
    }
  }

  /** For Gateway_ResponsesFinished: every response was marked finished (from the record). */
  public boolean allFinished(DelegateExecution execution) {
    return fanOut.finished(noticeOf(execution));
  }

  /**
   * A recipient's response ended (accepted, declined, unanswered): if it was the last, and the
   * lifecycle waits, the lifecycle goes on. Runs in the response's own transaction; the message is
   * the system's consequence, not the user's act (AsSystem), and the lifecycle continues in its own
   * job (the catch event is asynchronous after), not in this user's request.
   */
  public void responseEnded(String noticeId) {
    var marked = fanOut.lock(noticeId);
    if (marked.isEmpty() || marked.get() || recipients.anyUnfinished(noticeId)) {
      return;
    }
    String lifecycle = notices.find(noticeId).map(Notice::processInstanceId).orElse(null);
    if (lifecycle == null) {
      return;
    }
    boolean correlated =
        !AsSystem.call(
                identityService,
                () ->
                    runtimeService
                        .createMessageCorrelation(ALL_RESPONSES_FINISHED)
                        .processInstanceId(lifecycle)
                        .correlateAllWithResult())
            .isEmpty();
    if (correlated) {
      fanOut.markFinished(noticeId, EngineTime.nowUtc());
    }
    // not waiting yet: its check, under this lock after we commit, finds none unfinished
  }

  private String noticeOf(DelegateExecution execution) {
    return notices
        .findByProcessInstance(execution.getProcessInstanceId())
        .map(Notice::id)
        .orElseThrow(
            () ->
                new IllegalStateException("No notice runs in " + execution.getProcessInstanceId()));
  }
}
