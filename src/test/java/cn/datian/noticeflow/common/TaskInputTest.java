package cn.datian.noticeflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.junit.jupiter.api.Test;

/** The refusal a clerk reads in Tasklist: Chinese, the field as labelled, no ids or English. */
class TaskInputTest {

  @Test
  void aRefusalKeepsTheFieldIdForCode_andGivesTheClerkOnlyChinese() {
    FormFieldValidationException e =
        TaskInput.invalid("contactName", "请填写联系人 (contactName is required)");
    assertThat((Object) e.getDetail()).isEqualTo("contactName");
    assertThat(e.getMessage()).isEqualTo("请填写联系人");
  }

  @Test
  void aListRowIsNamedAsTheFormCountsIt() {
    assertThat(
            TaskInput.invalid("activities[2].activityDate", "活动日期不能晚于今天 (no future activities)")
                .getMessage())
        .isEqualTo("第2项活动的日期不能晚于今天");
    assertThat(
            TaskInput.invalid("activities[1].kind", "请选择活动类型 (one of [publicity, training])")
                .getMessage())
        .isEqualTo("第1项活动：请选择活动类型");
    assertThat(
            TaskInput.invalid("activities", "请至少登记一项活动 (record at least one activity)")
                .getMessage())
        .isEqualTo("请至少登记一项活动");
  }

  @Test
  void olderMessagesLoseTheirFieldPrefix_butChineseInParenthesesStays() {
    assertThat(TaskInput.clerkMessage("evidence: 请上传活动总结的电子文档 (upload the summary first)"))
        .isEqualTo("请上传活动总结的电子文档");
    assertThat(TaskInput.clerkMessage("日期（yyyy-MM-dd）有误 (bad date)")).isEqualTo("日期（yyyy-MM-dd）有误");
    assertThat(TaskInput.clerkMessage("截止时间已过 (deadline 2001-01-01 is in the past)"))
        .isEqualTo("截止时间已过");
  }
}
