package cn.datian.noticeflow.bench;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CONSOLIDATE_REPORT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REVIEW_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_CONSOLIDATION;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_UPLOAD_EVIDENCE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.demo.SeedNotice;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.notice.NoticeState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 1. Lifecycle cost: the seed notice driven to closure (every recipient, straight path, each step
 * as its user does it) against the bare processes with the same user tasks.
 */
class LifecycleBenchmark extends BenchmarkSupport {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(LifecycleBenchmark.class);

  static final int RUNS = Integer.getInteger("bench.lifecycle.runs", 3);
  static final int WARM_UPS = Integer.getInteger("bench.lifecycle.warmups", 2);

  @Autowired RepositoryService repositoryService;
  @Autowired DepartmentDirectory directory;
  @Autowired NoticeRepository notices;

  @Test
  void seedNoticeToClosure_againstBareProcesses() {
    BareProcesses.deploy(repositoryService);
    List<String> recipients =
        new ArrayList<>(directory.allIds()); // a list type the engine may deserialize
    try (PlainEngineBaseline plainEngine = new PlainEngineBaseline()) {
      for (int i = 0; i < WARM_UPS; i++) { // JIT, caches, first deployment reads
        realNotice(recipients);
        bareNotice(recipients);
        plainEngine.notice(recipients);
      }

      List<Double> real = new ArrayList<>();
      List<Double> bare = new ArrayList<>();
      List<Double> plain = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) { // interleaved, so drift hits all alike
        real.add(seconds("seed", () -> realNotice(recipients)));
        bare.add(seconds("bare", () -> bareNotice(recipients)));
        plain.add(seconds("plain", () -> plainEngine.notice(recipients)));
      }
      double realRate = 1 / BenchmarkReport.median(real);
      double bareRate = 1 / BenchmarkReport.median(bare);
      double plainRate = 1 / BenchmarkReport.median(plain);
      BenchmarkReport.publish(
          "1. Lifecycle cost",
          """
          | | notices/s (median of %d) | seconds per notice (each run) |
          |---|---|---|
          | seed notice, %d recipients, to closure | %.2f | %s |
          | bare processes, same user tasks | %.2f | %s |
          | plain engine, same user tasks (2nd baseline) | %.2f | %s |
          | **ratio** (bare ÷ seed; goal ≤ 1.3) | **%.2f** | |
          | plain engine ÷ bare processes | %.2f | |

          One notice = %d task completions (5 per recipient, 4 for the office; the plain engine's
          notice has no draft task, %d) plus, for the application's engine, the jobs; one thread,
          job executor off (jobs executed by the benchmark). Seed and bare run on the application's
          engine and database (%s); the plain engine (`PlainEngineBaseline`: its own configuration,
          no Spring, in-memory H2, history full, no authorization, one process with an embedded
          parallel multi-instance subprocess, no async point) runs in the same JVM, interleaved.
          """
              .formatted(
                  RUNS,
                  recipients.size(),
                  realRate,
                  list(real),
                  bareRate,
                  list(bare),
                  plainRate,
                  list(plain),
                  bareRate / realRate,
                  plainRate / bareRate,
                  recipients.size() * 5 + 4,
                  recipients.size() * 5 + 3,
                  BenchmarkReport.database()));
    }
  }

  private void realNotice(List<String> recipients) {
    IssuedNotice notice =
        noticeService.issue(
            SeedNotice.load().issuedOn(LocalDate.now(ZONE)),
            DemoUsers.OFFICE_CLERK,
            List.of("office"));
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    for (String department : recipients) {
      driveToAcceptance(
          responseOf(notice.processInstanceId(), department).getId(), department, "质量宣传");
    }
    executeJobs();
    completeAs(
        DemoUsers.OFFICE_CLERK,
        task(notice.processInstanceId(), TASK_CONSOLIDATE_REPORT),
        Map.of("consolidatedSummary", "各单位均已完成。"));
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_CONSOLIDATION),
        Map.of("consolidationDecision", "approve"));
    executeJobs();
    assertThat(notices.find(notice.noticeId()).orElseThrow().state()).isEqualTo(NoticeState.CLOSED);
  }

  private void bareNotice(List<String> recipients) {
    ProcessInstance lifecycle =
        runtimeService.startProcessInstanceByKey(
            BareProcesses.LIFECYCLE, Map.of("recipientIds", recipients));
    completeAs(DemoUsers.OFFICE_HEAD, task(lifecycle.getId(), TASK_SIGN_OFF_NOTICE), Map.of());
    executeJobs();
    for (String department : recipients) {
      // the department's one open bare response (whether the lifecycle calls it or starts it)
      String response =
          runtimeService
              .createProcessInstanceQuery()
              .processDefinitionKey(BareProcesses.RESPONSE)
              .variableValueEquals("departmentId", department)
              .singleResult()
              .getId();
      for (String[] step :
          new String[][] {
            {TASK_ACKNOWLEDGE_NOTICE, DemoUsers.clerkOf(department)},
            {TASK_RECORD_ACTIVITIES, DemoUsers.clerkOf(department)},
            {TASK_UPLOAD_EVIDENCE, DemoUsers.clerkOf(department)},
            {TASK_SIGN_OFF_SUMMARY, DemoUsers.headOf(department)},
            {TASK_REVIEW_SUMMARY, DemoUsers.OFFICE_CLERK}
          }) {
        Task task =
            taskService
                .createTaskQuery()
                .processInstanceId(response)
                .taskDefinitionKey(step[0])
                .singleResult();
        completeAs(step[1], task, Map.of());
      }
    }
    executeJobs();
    completeAs(DemoUsers.OFFICE_CLERK, task(lifecycle.getId(), TASK_CONSOLIDATE_REPORT), Map.of());
    completeAs(
        DemoUsers.OFFICE_HEAD, task(lifecycle.getId(), TASK_SIGN_OFF_CONSOLIDATION), Map.of());
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceId(lifecycle.getId())
                .count())
        .isZero();
  }

  /** Times the work; the log lines around it let a profile (or an SQL log) be cut per notice. */
  static double seconds(String what, Runnable work) {
    log.info("lifecycle benchmark: {} begins", what);
    long started = System.nanoTime();
    work.run();
    double seconds = (System.nanoTime() - started) / 1e9;
    log.info("lifecycle benchmark: {} ends, {} s", what, seconds);
    return seconds;
  }

  static String list(List<Double> values) {
    return String.join(", ", values.stream().map(v -> String.format("%.2f s", v)).toList());
  }
}
