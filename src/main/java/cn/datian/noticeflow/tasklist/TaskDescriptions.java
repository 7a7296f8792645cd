package cn.datian.noticeflow.tasklist;

import java.util.Map;

/**
 * What each step asks, for Tasklist's 说明 tab (the task's description). A task whose BPMN carries
 * its own documentation keeps that; these cover the rest, so that no step says 该任务没有说明. The notice
 * itself is shown above every task (scripts/noticeflow-forms.js).
 */
final class TaskDescriptions {

  private TaskDescriptions() {}

  static final Map<String, String> BY_TASK =
      Map.of(
          "Task_AcknowledgeNotice",
          "签收通知：请先阅读上方的通知原文（正文和附件），确认本单位承担的活动，填写联系人和联系电话后签收。企业自愿参加，可谢绝，谢绝不计为逾期。",
          "Task_RecordActivities",
          "登记开展的活动：逐项登记本单位按通知开展的活动（日期、名称、类型、地点、人数、说明），可分次保存后完成。",
          "Task_UploadEvidence",
          "提交总结和佐证材料：上传活动总结的电子文档（PDF、OFD、Word 等）以及反映活动内容的图片和视频，登记纸质总结的报送情况，完成后交本单位负责人签发。",
          "Task_SignOffSummary",
          "负责人签发总结：审阅本单位的活动记录、总结和佐证材料，同意后报送领导小组办公室；需要修改时退回经办人并写明意见。",
          "Task_ReviewSummary",
          "审核部门总结：审阅该部门的活动记录、总结和佐证材料，通过或退回修改（退回时写明意见）。",
          "Task_DecideExtension",
          "审批延期申请：查看部门申请的新截止时间和理由，同意或不同意，并说明意见。",
          "Task_SuperviseDepartment",
          "督办逾期部门：该部门已逾期，请联系部门并记录督办情况。");
}
