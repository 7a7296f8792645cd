package cn.datian.noticeflow.report;

import cn.datian.noticeflow.common.TaskInput;
import cn.datian.noticeflow.notice.NoticeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Writes the consolidated report when every recipient is done (end of Task_PrepareConsolidation)
 * and again when the office has written its summary (end of Task_ConsolidateReport), so the office
 * head signs off the version that includes it. The forms link to the latest version through {@code
 * consolidatedReportUrl}.
 */
@Component("consolidatedReportListener")
public class ConsolidatedReportListener implements ExecutionListener {

  private final ReportService reports;
  private final NoticeService noticeService;

  public ConsolidatedReportListener(ReportService reports, NoticeService noticeService) {
    this.reports = reports;
    this.noticeService = noticeService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    String noticeId = noticeService.requireByProcess(execution.getProcessInstanceId()).id();
    NoticeDocument report = reports.writeConsolidatedReport(noticeId, TaskInput.actor());
    execution.setVariable(
        "consolidatedReportUrl", "/api/notices/" + noticeId + "/reports/" + report.id());
    execution.setVariable("consolidatedReportName", report.fileName());
  }
}
