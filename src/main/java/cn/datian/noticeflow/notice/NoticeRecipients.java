package cn.datian.noticeflow.notice;

import cn.datian.noticeflow.directory.Department;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A notice's recipients as the notice needs them: opened when it is published, their responses
 * bound as the fan-out starts them, their obligations stored again when the notice's dates or state
 * change, tallied when it is consolidated. Their rows belong to the departments' responses
 * (response.ResponseRepository implements this), so notice/ does not depend on response/.
 */
public interface NoticeRecipients {

  /** One recipient's response, at acknowledgement. */
  void open(String noticeId, Department department, OffsetDateTime at);

  /**
   * Binds a recipient's department-response instance to its row, once, as the fan-out ({@link
   * ResponseFanOut}) creates it.
   */
  void bindResponse(String noticeId, String departmentId, String processInstanceId);

  /** Whether any recipient still works on the notice (its stage is not final). */
  boolean anyUnfinished(String noticeId);

  /**
   * Stores again what each recipient owes (response.WhatIsOwed on its row) after the notice's dates
   * or state changed, in the same transaction; also for rows written in bulk (benchmarks).
   */
  void storeObligations(String noticeId);

  /** How the recipients stand now. */
  Outcome outcome(String noticeId);

  /**
   * @param recipients how many departments received the notice
   * @param accepted how many summaries the office accepted
   * @param declinedDepartmentIds the volunteers who declined, in department order
   * @param unanswered how many volunteers never answered (未回复 at their answer deadline)
   */
  record Outcome(
      int recipients, long accepted, List<String> declinedDepartmentIds, long unanswered) {}
}
