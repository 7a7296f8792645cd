package cn.datian.noticeflow.notice;

import cn.datian.noticeflow.directory.Department;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A notice's recipients as the notice needs them: opened when it is published, tallied when it
 * is consolidated. Their rows belong to the departments' responses (response.ResponseRepository
 * implements this), so notice/ does not depend on response/.
 */
public interface NoticeRecipients {

  /** One recipient's response, at acknowledgement. */
  void open(String noticeId, Department department, OffsetDateTime at);

  /** How the recipients stand now. */
  Outcome outcome(String noticeId);

  /**
   * @param recipients how many departments received the notice
   * @param accepted how many summaries the office accepted
   * @param declinedDepartmentIds the volunteers who declined, in department order
   */
  record Outcome(int recipients, long accepted, List<String> declinedDepartmentIds) {}
}
