package cn.datian.noticeflow.report;

import cn.datian.noticeflow.evidence.Evidence;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.response.ActivityRecord;
import cn.datian.noticeflow.response.NoticeRecipient;
import java.util.List;

/** Everything the reports say about a notice, read once from the feature repositories. */
/**
 * @param recordHash the final seal of the notice's step record (see notice.AuditTrail)
 */
record NoticeReportData(Notice notice, List<DepartmentPart> departments, String recordHash) {

  /** One recipient's part: its standing, the steps it took and received, what it handed in. */
  record DepartmentPart(
      String departmentName,
      NoticeRecipient recipient,
      List<NoticeStep> steps,
      List<ActivityRecord> activities,
      List<Evidence> evidence) {}
}
