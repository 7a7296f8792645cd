package cn.datian.noticeflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.demo.SeedNotice;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.directory.DepartmentDirectory;
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
 * 1. Lifecycle cost: the seed notice driven to closure (every recipient, straight path, each
 * step as its user does it) against the bare processes with the same user tasks.
 */
class LifecycleBenchmark extends BenchmarkSupport {

  static final int RUNS = Integer.getInteger("bench.lifecycle.runs", 3);

  @Autowired RepositoryService repositoryService;
  @Autowired DepartmentDirectory directory;
  @Autowired NoticeRepository notices;

  @Test
  void seedNoticeToClosure_againstBareProcesses() {
    BareProcesses.deploy(repositoryService);
    List<String> recipients = directory.allIds();
    realNotice(recipients); // warm-up: JIT, caches, first deployment reads
    bareNotice(recipients);

    List<Double> real = new ArrayList<>();
    List<Double> bare = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) { // interleaved, so drift hits both alike
      real.add(seconds(() -> realNotice(recipients)));
      bare.add(seconds(() -> bareNotice(recipients)));
    }
    double realRate = 1 / BenchmarkReport.median(real);
    double bareRate = 1 / BenchmarkReport.median(bare);
    BenchmarkReport.publish("1. Lifecycle cost", """
        | | notices/s (median of %d) | seconds per notice (each run) |
        |---|---|---|
        | seed notice, %d recipients, to closure | %.2f | %s |
        | bare processes, same user tasks | %.2f | %s |
        | **ratio** (bare ÷ seed; goal ≤ 1.3) | **%.2f** | |

        One notice = %d task completions (5 per recipient, 4 for the office) plus the fan-out jobs,
        one thread, job executor off (jobs executed by the benchmark).
        """.formatted(RUNS, recipients.size(), realRate, list(real), bareRate, list(bare),
            bareRate / realRate, recipients.size() * 5 + 4));
  }

  private void realNotice(List<String> recipients) {
    IssuedNotice notice = noticeService.issue(
        SeedNotice.load().issuedOn(LocalDate.now(ZONE)), DemoUsers.OFFICE_CLERK, List.of("office"));
    completeAs(DemoUsers.OFFICE_HEAD, task(notice.processInstanceId(), "Task_SignOffNotice"), Map.of("signOffDecision", "approve"));
    executeJobs();
    for (String department : recipients) {
      driveToAcceptance(responseOf(notice.processInstanceId(), department).getId(), department, "质量宣传");
    }
    executeJobs();
    completeAs(DemoUsers.OFFICE_CLERK, task(notice.processInstanceId(), "Task_ConsolidateReport"),
        Map.of("consolidatedSummary", "各单位均已完成。"));
    completeAs(DemoUsers.OFFICE_HEAD, task(notice.processInstanceId(), "Task_SignOffConsolidation"),
        Map.of("consolidationDecision", "approve"));
    executeJobs();
    assertThat(notices.find(notice.noticeId()).orElseThrow().state()).isEqualTo(NoticeState.CLOSED);
  }

  private void bareNotice(List<String> recipients) {
    ProcessInstance lifecycle =
        runtimeService.startProcessInstanceByKey(BareProcesses.LIFECYCLE, Map.of("recipientIds", recipients));
    completeAs(DemoUsers.OFFICE_HEAD, task(lifecycle.getId(), "Task_SignOffNotice"), Map.of());
    executeJobs();
    for (String department : recipients) {
      String response = runtimeService.createProcessInstanceQuery().superProcessInstanceId(lifecycle.getId())
          .variableValueEquals("departmentId", department).singleResult().getId();
      for (String[] step : new String[][] {
          {"Task_AcknowledgeNotice", DemoUsers.clerkOf(department)},
          {"Task_RecordActivities", DemoUsers.clerkOf(department)},
          {"Task_UploadEvidence", DemoUsers.clerkOf(department)},
          {"Task_SignOffSummary", DemoUsers.headOf(department)},
          {"Task_ReviewSummary", DemoUsers.OFFICE_CLERK}}) {
        Task task = taskService.createTaskQuery().processInstanceId(response).taskDefinitionKey(step[0]).singleResult();
        completeAs(step[1], task, Map.of());
      }
    }
    executeJobs();
    completeAs(DemoUsers.OFFICE_CLERK, task(lifecycle.getId(), "Task_ConsolidateReport"), Map.of());
    completeAs(DemoUsers.OFFICE_HEAD, task(lifecycle.getId(), "Task_SignOffConsolidation"), Map.of());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(lifecycle.getId()).count()).isZero();
  }

  static double seconds(Runnable work) {
    long started = System.nanoTime();
    work.run();
    return (System.nanoTime() - started) / 1e9;
  }

  static String list(List<Double> values) {
    return String.join(", ", values.stream().map(v -> String.format("%.2f s", v)).toList());
  }
}
