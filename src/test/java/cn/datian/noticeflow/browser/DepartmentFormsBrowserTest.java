package cn.datian.noticeflow.browser;

import static cn.datian.noticeflow.browser.Browser.containingText;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REVIEW_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_UPLOAD_EVIDENCE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.evidence.Evidence;
import cn.datian.noticeflow.evidence.EvidenceRepository;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.response.RecipientStage;
import cn.datian.noticeflow.response.ResponseRepository;
import cn.datian.noticeflow.support.ProcessTestSupport;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A department's whole round in the real Tasklist and Chromium: the clerk acknowledges and finds
 * each next step already open and assigned to them, records an activity, uploads two files chosen
 * at once and hands them in; the head sees every file before signing with a comment; the office's
 * review form shows every activity and file on ten loads in a row. And a refused activity date is
 * said in Chinese, naming its row.
 *
 * <p>Until every /api answer stops replacing JSESSIONID (fixed elsewhere), the forms' script sends
 * its requests one at a time, and this test never runs two browsers at once.
 */
class DepartmentFormsBrowserTest extends ProcessTestSupport {

  static final String DEPARTMENT = "science-tech"; // 县科技局, used by no other test
  static final String DATE_DEPARTMENT = "natural-resources"; // 县自然资源局

  @LocalServerPort int port;
  @Autowired ResponseRepository recipientRows;
  @Autowired EvidenceRepository evidence;

  @BeforeAll
  static void chromium() {
    Browser.requireChromium();
  }

  @Test
  void aDepartmentsRound_inTasklist_staysWithTheClerk_storesBothFiles_andShowsThemToHeadAndOffice()
      throws Exception {
    IssuedNotice notice = publishNotice("浏览器检验：科技局一轮办理", List.of(DEPARTMENT));
    String responseId = responseOf(notice.processInstanceId(), DEPARTMENT).getId();
    String clerkId = DemoUsers.clerkOf(DEPARTMENT);
    Path pdf = Files.createTempFile("活动总结", ".pdf");
    Files.write(pdf, SUMMARY_PDF);
    Path png = picture();

    try (Browser clerk = new Browser("http://localhost:" + port)) {
      part(
          clerk,
          "clerk-1",
          () -> {
            clerk.logInToTasklist(clerkId, DemoUsers.PASSWORD);
            clerk.click(containingText("div[contains(@class,'task-filter')]//h4", "本部门待办"));
            clerk.visible(ourTask("签收通知")).findElement(By.cssSelector("h4.task a")).click();
            clerk.click(By.cssSelector("button.claim"));
            clerk.visible(By.cssSelector("input[id$='Field_contactName']")).sendKeys("钱联络");
            clerk.click(complete());

            // 签收 done: the next step is the clerk's, in 我的待办, and already open
            clerk.wait.until(d -> taskOrNull(responseId, TASK_RECORD_ACTIVITIES) != null);
            assertThat(task(responseId, TASK_RECORD_ACTIVITIES).getAssignee()).isEqualTo(clerkId);
            clerk.visible(By.id("activityDate-0"));
            clerk.click(containingText("div[contains(@class,'task-filter')]//h4", "我的待办"));
            WebElement mine = clerk.visible(ourTask("登记开展的活动"));
            clerk.screenshot("forms-1-next-step-in-my-tasks");
            mine.findElement(By.cssSelector("h4.task a")).click();

            clerk.visible(By.id("activityDate-0")).sendKeys(today());
            clerk.driver.findElement(By.id("title-0")).sendKeys("科技成果质量宣传");
            new Select(clerk.driver.findElement(By.id("kind-0"))).selectByVisibleText("宣传");
            clerk.click(complete());

            // the upload form opens by itself; two files chosen at once are both stored
            WebElement files = clerk.visible(By.id("evidence-files"));
            clerk.wait.until(
                d -> !d.findElements(By.xpath("//td[contains(., '尚未上传文件')]")).isEmpty());
            assertThat(task(responseId, TASK_UPLOAD_EVIDENCE).getAssignee()).isEqualTo(clerkId);
            files.sendKeys(pdf.toAbsolutePath() + "\n" + png.toAbsolutePath());
            idle(clerk);
            clerk.click(By.cssSelector("button.upload-evidence"));
            clerk.wait.until(
                d -> d.findElements(By.cssSelector(".evidence-list tbody tr a")).size() == 2);
            assertThat(clerk.driver.findElements(By.cssSelector(".upload[data-state='stored']")))
                .hasSize(2);
            assertThat(clerk.driver.findElements(By.cssSelector(".upload-problem"))).isEmpty();
            assertThat(evidence.stored(notice.noticeId(), DEPARTMENT))
                .extracting(Evidence::originalName)
                .containsExactlyInAnyOrder(
                    pdf.getFileName().toString(), png.getFileName().toString());
            clerk.driver.findElement(By.id("summaryText")).sendKeys("本局开展了科技成果质量宣传。");
            clerk.click(By.id("paperCopyDelivered"));
            clerk.visible(By.id("paperDeliveredOn")).sendKeys(today());
            clerk.driver.findElement(By.id("paperDeliveredTo")).sendKeys("办公室 王收");
            clerk.screenshot("forms-2-two-files-uploaded");
            clerk.click(complete());
            clerk.wait.until(d -> stage(notice) == RecipientStage.AWAITING_SIGN_OFF);
            clerk.visible(containingText("*[contains(@class,'notifications')]//*", "已提交给负责人签发"));
            clerk.screenshot("forms-3-handed-to-the-head");
          });
    }
    // a clerk never gets the head's task
    assertThat(task(responseId, TASK_SIGN_OFF_SUMMARY).getAssignee()).isNull();

    try (Browser head = new Browser("http://localhost:" + port)) {
      part(
          head,
          "head-2",
          () -> {
            head.logInToTasklist(DemoUsers.headOf(DEPARTMENT), DemoUsers.PASSWORD);
            head.click(containingText("div[contains(@class,'task-filter')]//h4", "本部门待办"));
            head.visible(ourTask("负责人签发总结")).findElement(By.cssSelector("h4.task a")).click();
            // one request at a time while every /api answer replaces JSESSIONID (fixed elsewhere):
            // the form finishes loading before the claim
            loaded(head);
            idle(head);
            head.click(By.cssSelector("button.claim"));
            head.visible(By.id("headComment"));
            loaded(head);
            // the head sees what the office will see: the activity, every file, the paper copy
            head.wait.until(
                d -> d.findElements(By.cssSelector(".evidence-list tbody tr a")).size() == 2);
            assertThat(head.driver.findElement(By.cssSelector(".evidence-list")).getText())
                .contains(pdf.getFileName().toString(), png.getFileName().toString(), "文档", "图片");
            assertThat(head.driver.findElement(By.cssSelector(".activities")).getText())
                .contains("科技成果质量宣传");
            assertThat(head.driver.findElement(By.cssSelector(".paper-copy")).getText())
                .contains("办公室 王收");
            head.wait.until(
                d ->
                    (Boolean)
                        ((org.openqa.selenium.JavascriptExecutor) d)
                            .executeScript(
                                "var i = document.querySelector('.evidence-thumbnails img'); return !!i && i.complete && i.naturalWidth > 0;"));
            head.screenshot("forms-4-head-sees-the-files");
            // and signs with a comment
            head.click(By.cssSelector("input[name='headDecision'][value='approve']"));
            head.driver.findElement(By.id("headComment")).sendKeys("同意报送。");
            head.click(complete());
            head.wait.until(d -> stage(notice) == RecipientStage.IN_REVIEW);
          });
    }

    try (Browser office = new Browser("http://localhost:" + port)) {
      part(
          office,
          "office-3",
          () -> {
            office.logInToTasklist(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD);
            String reviewId = task(responseId, TASK_REVIEW_SUMMARY).getId();
            office.open("/camunda/app/tasklist/#/?forceDisplayTask=true&task=" + reviewId);
            // a full page load each time, as a clerk pressing F5 (given time: two shared cores)
            WebDriverWait patient = new WebDriverWait(office.driver, Duration.ofSeconds(60));
            for (int load = 1; load <= 10; load++) {
              if (load > 1) {
                office.driver.navigate().refresh();
              }
              int n = load;
              patient.until(
                  d ->
                      d.findElements(By.cssSelector(".evidence-list tbody tr a")).size() == 2
                          && d.findElements(By.cssSelector(".activities tbody tr")).size() == 1);
              loaded(office);
              assertThat(office.driver.findElements(By.cssSelector(".load-problem")))
                  .as("load " + n)
                  .isEmpty();
              assertThat(office.driver.findElements(By.cssSelector(".evidence-thumbnails img")))
                  .as("load " + n)
                  .hasSize(1);
              assertThat(office.driver.findElement(By.cssSelector(".activities")).getText())
                  .as("load " + n)
                  .contains("科技成果质量宣传");
            }
            office.screenshot("forms-5-review-after-ten-loads");
            loaded(office);
            idle(office);
            office.click(By.cssSelector("button.claim"));
            office.visible(By.id("reviewComment"));
            loaded(office);
            office.click(By.cssSelector("input[name='reviewDecision'][value='accept']"));
            office.driver.findElement(By.id("reviewComment")).sendKeys("材料齐全，通过。");
            office.click(complete());
            office.wait.until(d -> stage(notice) == RecipientStage.ACCEPTED);
          });
    }
  }

  @Test
  void anActivityDateAfterTheEnginesToday_isRefusedInChinese_namingItsRow() throws Exception {
    // the engine's today is Thu 16 Sep 2021; the browser's is later, so only the server refuses
    ClockUtil.setCurrentTime(
        Date.from(OffsetDateTime.parse("2021-09-16T10:00:00+08:00").toInstant()));
    IssuedNotice notice =
        issueNotice("浏览器检验：活动日期", List.of(DATE_DEPARTMENT), "2021-09-20", "2021-09-30");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    String responseId = responseOf(notice.processInstanceId(), DATE_DEPARTMENT).getId();
    String clerkId = DemoUsers.clerkOf(DATE_DEPARTMENT);
    acknowledge(responseId, DATE_DEPARTMENT);

    try (Browser clerk = new Browser("http://localhost:" + port)) {
      part(
          clerk,
          "clerk-4",
          () -> {
            clerk.logInToTasklist(clerkId, DemoUsers.PASSWORD);
            // after 签收 the next step waits in the clerk's 我的待办, assigned to them
            clerk.click(containingText("div[contains(@class,'task-filter')]//h4", "我的待办"));
            clerk.visible(ourTask("登记开展的活动")).findElement(By.cssSelector("h4.task a")).click();
            clerk.visible(By.id("activityDate-0")).sendKeys("2021-09-15");
            clerk.driver.findElement(By.id("title-0")).sendKeys("自然资源质量宣传");
            new Select(clerk.driver.findElement(By.id("kind-0"))).selectByVisibleText("宣传");
            clerk.click(By.cssSelector("button.add-activity"));
            clerk.visible(By.id("activityDate-1")).sendKeys("2021-09-20");
            clerk.driver.findElement(By.id("title-1")).sendKeys("质量讲座");
            new Select(clerk.driver.findElement(By.id("kind-1"))).selectByVisibleText("培训");
            clerk.click(complete());

            WebElement problem = clerk.visible(By.cssSelector(".form-problem"));
            assertThat(problem.getText()).isEqualTo("第2项活动的日期不能晚于今天");
            WebElement toast = clerk.visible(By.cssSelector(".page-notifications .alert"));
            assertThat(toast.getText())
                .contains("第2项活动的日期不能晚于今天")
                .doesNotContain("Cannot", "activities", "task form");
            clerk.screenshot("forms-6-bad-date-named");
            // the message goes when its cause does
            WebElement second = clerk.driver.findElement(By.id("activityDate-1"));
            second.clear();
            second.sendKeys("2021-09-14");
            clerk.wait.until(
                ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".form-problem")));
            clerk.click(complete());
            clerk.wait.until(d -> taskOrNull(responseId, TASK_UPLOAD_EVIDENCE) != null);
          });
    }
    assertThat(task(responseId, TASK_UPLOAD_EVIDENCE).getAssignee()).isEqualTo(clerkId);
    assertThat(recipientRows.recipient(notice.noticeId(), DATE_DEPARTMENT).orElseThrow().stage())
        .isEqualTo(RecipientStage.EXECUTING);
  }

  @Test
  void aCamundaFormCompletes_withAComment() throws Exception {
    IssuedNotice notice = issueNotice("浏览器检验：带意见签发", List.of(DATE_DEPARTMENT));
    String signOffId = task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE).getId();

    try (Browser head = new Browser("http://localhost:" + port)) {
      part(
          head,
          "head-5",
          () -> {
            head.logInToTasklist(DemoUsers.OFFICE_HEAD, DemoUsers.PASSWORD);
            head.open("/camunda/app/tasklist/#/?forceDisplayTask=true&task=" + signOffId);
            idle(head);
            head.click(By.cssSelector("button.claim"));
            head.click(By.xpath("//label[contains(normalize-space(.), '同意签发')]"));
            WebElement comment =
                head.visible(By.cssSelector("textarea[id$='Field_signOffComment']"));
            comment.sendKeys("同意签发，请各单位按时报送。");
            head.screenshot("forms-7-camunda-form-with-comment");
            head.click(complete());
            head.wait.until(
                d -> taskOrNull(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE) == null);
          });
    }
  }

  /** Runs a browser's part; on failure leaves a screenshot named after it, for the report. */
  private static void part(Browser browser, String name, ThrowingRunnable body) throws Exception {
    try {
      body.run();
    } catch (Exception | AssertionError e) {
      browser.screenshot("failed-" + name);
      throw e;
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /**
   * Tasklist has no request under way. Until every /api answer stops replacing JSESSIONID (fixed
   * elsewhere), a form's request beside one of Tasklist's own logs the user out: the test starts
   * the forms' requests only when Tasklist is quiet.
   */
  private static void idle(Browser browser) {
    browser.wait.until(
        d ->
            (Boolean)
                ((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript(
                        "var i = window.angular && angular.element(document.body).injector();"
                            + "return !!i && i.get('$http').pendingRequests.length === 0;"));
  }

  /** The form's activities, files and thumbnails are all in. */
  private static void loaded(Browser browser) {
    browser.wait.until(
        d ->
            (Boolean)
                ((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript(
                        "var t = document.body.innerText;"
                            + "return document.querySelector('.evidence-list') !== null"
                            + " && t.indexOf('正在加载') < 0 && t.indexOf('加载失败') < 0;"));
  }

  private static By complete() {
    return By.cssSelector("button[ng-click='complete()']");
  }

  private static By ourTask(String name) {
    return By.xpath(
        "//ol[contains(@class,'tasks-list')]/li[.//h4[contains(normalize-space(.), '"
            + name
            + "')] and .//*[contains(normalize-space(.), '浏览器检验')]]");
  }

  private Task taskOrNull(String processInstanceId, String key) {
    return taskService
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey(key)
        .singleResult();
  }

  private RecipientStage stage(IssuedNotice notice) {
    return recipientRows.recipient(notice.noticeId(), DEPARTMENT).orElseThrow().stage();
  }

  private static Path picture() throws IOException {
    BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(new Color(30, 110, 200));
    g.fillRect(0, 0, 120, 80);
    g.dispose();
    Path png = Files.createTempFile("现场照片", ".png");
    ImageIO.write(image, "png", png.toFile());
    return png;
  }
}
