package cn.datian.noticeflow.notice;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Every step somebody (or the engine) takes on a notice, as its history records it. */
public enum StepKind {
  // the notice itself
  DRAFTED("起草"),
  SIGN_OFF_APPROVED("签发"),
  SIGN_OFF_RETURNED("退回起草人"),
  REVISED("修改"),
  PUBLISHED("印发"),
  CONSOLIDATED("汇总"),
  CONSOLIDATION_APPROVED("签发汇总报告"),
  CONSOLIDATION_RETURNED("退回汇总报告"),
  CLOSED("办结"),
  // one department's response
  ACKNOWLEDGED("签收"),
  DECLINED("谢绝参加"),
  NO_ANSWER("未回复"),
  ACTIVITIES_RECORDED("登记活动"),
  EVIDENCE_SUBMITTED("提交总结和佐证材料"),
  HEAD_SIGNED_OFF("负责人签发"),
  HEAD_RETURNED("负责人退回"),
  REVIEW_ACCEPTED("办公室审核通过"),
  REVIEW_RETURNED("办公室退回修改"),
  // the engine and the office chasing it
  REMINDED("到期提醒"),
  ESCALATED("逾期上报"),
  SUPERVISED("督办"),
  URGED("催办"),
  EXTENSION_REQUESTED("申请延期"),
  EXTENSION_APPROVED("同意延期"),
  EXTENSION_REJECTED("不同意延期");

  private final String label;

  StepKind(String label) {
    this.label = label;
  }

  /** The step's name as people read it. */
  public String label() {
    return label;
  }

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
