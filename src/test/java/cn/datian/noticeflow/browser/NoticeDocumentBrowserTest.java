package cn.datian.noticeflow.browser;

import static cn.datian.noticeflow.browser.Browser.containingText;
import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_DRAFT_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeInput;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.notice.NoticeState;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The notice in the real Tasklist and Chromium: a department's task shows a 12,000-character notice
 * in full above its form, with its 文号 and the 说明 of the step; the office drafts a notice in its
 * task, choosing recipients by name, leaves, comes back to find it all, and sends it to sign-off.
 */
class NoticeDocumentBrowserTest extends cn.datian.noticeflow.support.ProcessTestSupport {

  static final String DEPARTMENT = "culture-tourism"; // 县文化和旅游局, used by no other browser test

  @LocalServerPort int port;
  @Autowired NoticeRepository notices;

  @BeforeAll
  static void chromium() {
    Browser.requireChromium();
  }

  @Test
  void aDepartmentsTask_showsTheWholeNotice_aboveItsForm() throws Exception {
    String body = cn.datian.noticeflow.support.LongNoticeBody.of12000();
    LocalDate today = LocalDate.now(ZONE);
    IssuedNotice notice =
        noticeService.issue(
            new NoticeInput(
                "浏览器检验：长篇通知",
                "大质强县办〔2021〕7号",
                "大田县质量强县工作领导小组办公室",
                today.toString(),
                body,
                today.plusDays(20).toString(),
                null,
                List.of(DEPARTMENT)),
            DemoUsers.OFFICE_CLERK,
            List.of("office"));
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    String taskId =
        task(responseOf(notice.processInstanceId(), DEPARTMENT).getId(), TASK_ACKNOWLEDGE_NOTICE)
            .getId();

    try (Browser clerk = new Browser("http://localhost:" + port)) {
      try {
        clerk.logInToTasklist(DemoUsers.clerkOf(DEPARTMENT), DemoUsers.PASSWORD);
        clerk.open("/camunda/app/tasklist/#/?forceDisplayTask=true&task=" + taskId);
        clerk.visible(By.cssSelector(".nf-notice-panel .nf-notice-body"));
        String shown =
            (String)
                ((JavascriptExecutor) clerk.driver)
                    .executeScript(
                        "return document.querySelector('.nf-notice-panel .nf-notice-body').textContent;");
        assertThat(shown).isEqualTo(body);
        String panel = clerk.driver.findElement(By.cssSelector(".nf-notice-panel")).getText();
        assertThat(panel).contains("浏览器检验：长篇通知", "大质强县办〔2021〕7号", "大田县质量强县工作领导小组办公室", "主送：县文化和旅游局");
        // the official document is there to download
        assertThat(clerk.driver.findElement(By.cssSelector(".nf-notice-attachments a")).getText())
            .contains("正式公文");
        // the body scrolls within the panel: the form stays within reach on a laptop screen
        Long height =
            (Long)
                ((JavascriptExecutor) clerk.driver)
                    .executeScript(
                        "return Math.round(document.querySelector('.nf-notice-body').getBoundingClientRect().height);");
        assertThat(height).isLessThan(700);
        clerk.visible(By.cssSelector("input[id$='Field_contactName']"));
        clerk.screenshot("notice-1-acknowledge-with-the-notice");
        // collapsible: the summary folds it
        clerk.click(By.cssSelector(".nf-notice-panel summary"));
        clerk.wait.until(d -> !d.findElement(By.cssSelector(".nf-notice-body")).isDisplayed());
        // 说明 says what this step asks
        clerk.click(containingText("ul[contains(@class,'nav-tabs')]//a", "说明"));
        clerk.visible(containingText("div[contains(@class,'description-pane')]//div", "签收通知：请先阅读"));
      } catch (Exception | AssertionError e) {
        clerk.screenshot("failed-notice-1");
        throw e;
      }
    }
  }

  @Test
  void theOfficeDraftsInItsTask_byNames_leavesAndComesBack_thenSendsItToSignOff() throws Exception {
    ProcessInstance lifecycle =
        as(
            DemoUsers.OFFICE_CLERK,
            () -> runtimeService.startProcessInstanceByKey("notice-lifecycle"));
    String noticeId = lifecycle.getBusinessKey();
    String taskId = task(lifecycle.getId(), TASK_DRAFT_NOTICE).getId();
    String deadline = LocalDate.now(ZONE).plusDays(15).toString();

    try (Browser office = new Browser("http://localhost:" + port)) {
      try {
        office.logInToTasklist(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD);
        office.open("/camunda/app/tasklist/#/?forceDisplayTask=true&task=" + taskId);
        office.visible(By.id("draft-title")).sendKeys("浏览器检验：起草的通知");
        office.driver.findElement(By.id("draft-body")).sendKeys("一、活动安排\n（一）第一周宣传。\n（二）第二周检查。");
        office.click(containingText("label[contains(@class,'recipient')]", "县文化和旅游局"));
        office.click(containingText("label[contains(@class,'reminder-offset')]", "提前3个工作日"));
        office.driver.findElement(By.id("draft-deadline")).sendKeys(deadline);
        office.driver.findElement(By.id("draft-title")).click(); // leaves the date field
        office.wait.until(
            d ->
                d.findElement(By.cssSelector(".save-state")).getText().contains("草稿已保存")
                    && notices.find(noticeId).isPresent()
                    && noticeService.draft(noticeId).fields().get("deadline") != null);
        office.screenshot("notice-2-draft-saved");

        // gone and back: the draft is as it was left
        office.open("/camunda/app/tasklist/");
        office.visible(By.cssSelector("[cam-tasklist-filters] .task-filter"));
        office.open("/camunda/app/tasklist/#/?forceDisplayTask=true&task=" + taskId);
        office.wait.until(
            d -> "浏览器检验：起草的通知".equals(d.findElement(By.id("draft-title")).getAttribute("value")));
        assertThat(office.driver.findElement(By.id("draft-body")).getAttribute("value"))
            .isEqualTo("一、活动安排\n（一）第一周宣传。\n（二）第二周检查。");
        assertThat(office.driver.findElement(By.id("draft-deadline")).getAttribute("value"))
            .isEqualTo(deadline);
        assertThat(
                office
                    .driver
                    .findElement(
                        By.cssSelector("label.recipient input[value='" + DEPARTMENT + "']"))
                    .isSelected())
            .isTrue();

        office.click(By.cssSelector("button[ng-click='complete()']"));
        office.wait.until(
            d -> notices.find(noticeId).orElseThrow().state() == NoticeState.AWAITING_SIGN_OFF);
      } catch (Exception | AssertionError e) {
        office.screenshot("failed-notice-2");
        throw e;
      }
    }
    Notice sent = notices.find(noticeId).orElseThrow();
    assertThat(sent.title()).isEqualTo("浏览器检验：起草的通知");
    assertThat(sent.recipientIds()).containsExactly(DEPARTMENT);
    assertThat(sent.reminderOffsets()).containsExactly(java.time.Duration.ofDays(3));
    assertThat(task(lifecycle.getId(), TASK_SIGN_OFF_NOTICE)).isNotNull();
  }
}
