package cn.datian.noticeflow.support;

/**
 * The ids of the BPMN elements that tests name, one constant each, so a renamed element is one edit
 * here ({@code ProcessElementsTest} checks every constant still names an element of its model).
 */
public final class ProcessElements {

  // bpmn/department-response.bpmn
  public static final String END_EVENT_DECLINED = "EndEvent_Declined";
  public static final String END_EVENT_NO_ANSWER = "EndEvent_NoAnswer";
  public static final String END_EVENT_NO_ANSWER_AWAITED = "EndEvent_NoAnswerAwaited";
  public static final String END_EVENT_SUMMARY_ACCEPTED = "EndEvent_SummaryAccepted";
  public static final String GATEWAY_ANSWER_OVERDUE = "Gateway_AnswerOverdue";
  public static final String GATEWAY_WAIT_FOR_ANSWER = "Gateway_WaitForAnswer";
  public static final String INTERMEDIATE_CATCH_EVENT_ANSWER_CHANGED =
      "IntermediateCatchEvent_AnswerChanged";
  public static final String INTERMEDIATE_CATCH_EVENT_ANSWER_DUE =
      "IntermediateCatchEvent_AnswerDue";
  public static final String INTERMEDIATE_CATCH_EVENT_CHASE_DUE = "IntermediateCatchEvent_ChaseDue";
  public static final String START_EVENT_NOTICE_RECEIVED = "StartEvent_NoticeReceived";
  public static final String TASK_ACKNOWLEDGE_NOTICE = "Task_AcknowledgeNotice";
  public static final String TASK_DECIDE_EXTENSION = "Task_DecideExtension";
  public static final String TASK_RECORD_ACTIVITIES = "Task_RecordActivities";
  public static final String TASK_REVIEW_SUMMARY = "Task_ReviewSummary";
  public static final String TASK_SIGN_OFF_SUMMARY = "Task_SignOffSummary";
  public static final String TASK_UPLOAD_EVIDENCE = "Task_UploadEvidence";

  // bpmn/notice-lifecycle.bpmn
  public static final String END_EVENT_NOTICE_CLOSED = "EndEvent_NoticeClosed";
  public static final String GATEWAY_MORE_TO_START = "Gateway_MoreToStart";
  public static final String GATEWAY_START_ROUND = "Gateway_StartRound";
  public static final String INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED =
      "IntermediateCatchEvent_AllResponsesFinished";
  public static final String SEQUENCE_FLOW_RESPONSES_ALREADY_FINISHED =
      "SequenceFlow_ResponsesAlreadyFinished";
  public static final String START_EVENT_NOTICE_DRAFTED = "StartEvent_NoticeDrafted";
  public static final String TASK_CHECK_RESPONSES_FINISHED = "Task_CheckResponsesFinished";
  public static final String TASK_CLOSE_NOTICE = "Task_CloseNotice";
  public static final String TASK_CONSOLIDATE_REPORT = "Task_ConsolidateReport";
  public static final String TASK_DRAFT_NOTICE = "Task_DraftNotice";
  public static final String TASK_PREPARE_CONSOLIDATION = "Task_PrepareConsolidation";
  public static final String TASK_PUBLISH_NOTICE = "Task_PublishNotice";
  public static final String TASK_REGISTER_NOTICE = "Task_RegisterNotice";
  public static final String TASK_SIGN_OFF_CONSOLIDATION = "Task_SignOffConsolidation";
  public static final String TASK_SIGN_OFF_NOTICE = "Task_SignOffNotice";
  public static final String TASK_START_RESPONSE_BATCH = "Task_StartResponseBatch";

  // bpmn/supervise-department.bpmn
  public static final String TASK_SUPERVISE_DEPARTMENT = "Task_SuperviseDepartment";

  private ProcessElements() {}
}
