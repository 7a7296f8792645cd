package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each department-response instance belongs to one recipient row, bound once. */
class ResponseRecordTest extends ProcessTestSupport {

  @Autowired ResponseRepository recipientRows;
  @Autowired JdbcClient jdbc;

  @Test
  void anInstanceIsBoundToItsRecipient_once() {
    IssuedNotice notice = publishNotice("绑定", List.of("transport", "health"));
    String transport = responseOf(notice.processInstanceId(), "transport").getId();
    String health = responseOf(notice.processInstanceId(), "health").getId();

    assertThat(recipientRows.recipientOfProcess(transport).orElseThrow().departmentId())
        .isEqualTo("transport");
    assertThat(recipientRows.recipientOfProcess(health).orElseThrow().departmentId())
        .isEqualTo("health");
    assertThatThrownBy(
            () -> recipientRows.bindResponse(notice.noticeId(), "transport", "another-instance"))
        .as("a second instance for a bound recipient")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anInstanceStartedBeforeBinding_isBoundWhenFirstAsked_andWorksOn() {
    IssuedNotice notice = publishNotice("旧实例", List.of("transport"));
    String transport = responseOf(notice.processInstanceId(), "transport").getId();
    // as a database from before V5 has it
    jdbc.sql("update notice_recipient set process_instance_id = null where notice_id = ?")
        .params(notice.noticeId())
        .update();

    acknowledge(transport, "transport");

    assertThat(recipientRows.recipientOfProcess(transport).orElseThrow().stage())
        .isEqualTo(RecipientStage.EXECUTING);
    assertThat(task(transport, TASK_RECORD_ACTIVITIES)).isNotNull();
  }
}
