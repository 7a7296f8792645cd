package cn.datian.noticeflow.browser;

import static cn.datian.noticeflow.browser.Browser.containingText;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.notice.StepKind;
import cn.datian.noticeflow.response.RecipientStage;
import cn.datian.noticeflow.response.ResponseRepository;
import cn.datian.noticeflow.support.ProcessTestSupport;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What users click, in a real headless Chromium against the real Camunda Tasklist: a department
 * clerk acknowledges a notice through 本部门待办; a supervisor then sees the department that missed its
 * acknowledgement in red on the oversight board. Each role sees its own menu, the board opens from
 * Tasklist's header in the same session, and no webapp shows the Camunda 8 banner.
 */
class TasklistAndBoardBrowserTest extends ProcessTestSupport {

  static final String CLERK_DEPARTMENT = "ecology-environment"; // 县生态环境局, used by no other test
  static final String LATE_DEPARTMENT = "water-resources"; // 县水利局
  static final String BOARD_DEPARTMENT = "natural-resources"; // 县自然资源局

  @LocalServerPort int port;
  @Autowired NoticeRepository notices;
  @Autowired ResponseRepository recipientRows;

  @BeforeAll
  static void chromium() {
    Browser.requireChromium();
  }

  @Test
  void clerkAcknowledgesInTasklist_thenSupervisorSeesTheLateDepartmentInRed() {
    // given a notice published on Mon 13 Sep 2021, acknowledgement due Wed 15 Sep
    ClockUtil.setCurrentTime(
        Date.from(OffsetDateTime.parse("2021-09-13T09:00:00+08:00").toInstant()));
    IssuedNotice notice =
        issueNotice(
            "浏览器检验：质量月活动通知",
            List.of(CLERK_DEPARTMENT, LATE_DEPARTMENT),
            "2021-09-15",
            "2021-09-30");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    // on Thu 16 Sep neither department has acknowledged
    ClockUtil.setCurrentTime(
        Date.from(OffsetDateTime.parse("2021-09-16T10:00:00+08:00").toInstant()));

    try (Browser clerk = new Browser("http://localhost:" + port)) {
      // when the clerk logs in, opens 本部门待办 and finds the notice by its column
      clerk.logInToTasklist(DemoUsers.clerkOf(CLERK_DEPARTMENT), DemoUsers.PASSWORD);
      assertThat(
              clerk.driver.findElements(By.cssSelector("[cam-tasklist-filters] .task-filter h4")))
          .extracting(WebElement::getText)
          .anySatisfy(name -> assertThat(name).startsWith("本部门待办"))
          .noneSatisfy(name -> assertThat(name).startsWith("各部门已逾期"));
      clerk.click(containingText("div[contains(@class,'task-filter')]//h4", "本部门待办"));
      By ourTask =
          By.xpath(
              "//ol[contains(@class,'tasks-list')]/li[.//*[contains(normalize-space(.), '浏览器检验')]]");
      WebElement card = clerk.visible(ourTask);
      assertThat(card.getText()).contains("签收通知", "浏览器检验：质量月活动通知", "县生态环境局");
      clerk.screenshot("1-clerk-department-tasks");
      card.findElement(By.cssSelector("h4.task a")).click();

      // claims it (Tasklist speaks Chinese by default), fills the form and completes it
      assertThat(clerk.visible(By.cssSelector("button.claim")).getText()).isEqualTo("认领");
      clerk.click(By.cssSelector("button.claim"));
      WebElement contact = clerk.visible(By.cssSelector("input[id$='Field_contactName']"));
      contact.sendKeys("李联络");
      clerk
          .driver
          .findElement(By.cssSelector("input[id$='Field_contactPhone']"))
          .sendKeys("0598-7654321");
      clerk.screenshot("2-clerk-acknowledgement-filled");
      clerk.click(By.cssSelector("button[ng-click='complete()']"));
      clerk.wait.until(
          ExpectedConditions.invisibilityOfElementLocated(
              By.cssSelector("input[id$='Field_contactName']")));
      clerk.wait.until(
          d ->
              recipientRows.recipient(notice.noticeId(), CLERK_DEPARTMENT).orElseThrow().stage()
                  == RecipientStage.EXECUTING);
      clerk.screenshot("3-clerk-after-completion");
    }

    // then the engine has the acknowledgement, by that clerk, with the contact typed in
    assertThat(recipientRows.recipient(notice.noticeId(), CLERK_DEPARTMENT).orElseThrow().stage())
        .isEqualTo(RecipientStage.EXECUTING);
    assertThat(notices.steps(notice.noticeId()))
        .anySatisfy(
            step -> {
              assertThat(step.step()).isEqualTo(StepKind.ACKNOWLEDGED);
              assertThat(step.departmentId()).isEqualTo(CLERK_DEPARTMENT);
              assertThat(step.userId()).isEqualTo(DemoUsers.clerkOf(CLERK_DEPARTMENT));
              assertThat(step.comment()).contains("李联络", "0598-7654321");
            });

    try (Browser supervisor = new Browser("http://localhost:" + port)) {
      // and a supervisor, logged in once through Tasklist, sees the late department in red
      supervisor.logInToTasklist(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD);
      supervisor.open("/oversight?notice=" + notice.noticeId());
      WebElement late =
          supervisor.visible(By.cssSelector("tr[data-department='" + LATE_DEPARTMENT + "']"));
      assertThat(late.getAttribute("data-light")).isEqualTo("red");
      assertThat(late.getText()).contains("县水利局", "待签收", "已逾期");
      WebElement done =
          supervisor.visible(By.cssSelector("tr[data-department='" + CLERK_DEPARTMENT + "']"));
      assertThat(done.getAttribute("data-light")).isEqualTo("green");
      assertThat(late.findElement(By.cssSelector(".light")).getCssValue("background-color"))
          .isEqualTo("rgba(198, 40, 40, 1)");
      supervisor.screenshot("4-supervisor-board");
    }
  }

  @Test
  void eachRoleSeesItsOwnMenu_andTheBoardOpensFromTasklist_inOneSession() {
    IssuedNotice notice = publishNotice("浏览器检验：看板与部门页面", List.of(BOARD_DEPARTMENT));
    String base = "http://localhost:" + port;

    try (Browser supervisor = new Browser(base)) {
      // a supervisor has no department: no 本部门待办; the header leads to the board
      supervisor.logInToTasklist(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD);
      assertThat(
              supervisor.driver.findElements(
                  By.cssSelector("[cam-tasklist-filters] .task-filter h4")))
          .extracting(WebElement::getText)
          .anySatisfy(name -> assertThat(name).startsWith("各部门已逾期"))
          .noneSatisfy(name -> assertThat(name).startsWith("本部门待办"));
      supervisor.visible(By.cssSelector("a.nf-oversight-link"));
      org.openqa.selenium.Cookie session = supervisor.driver.manage().getCookieNamed("JSESSIONID");
      assertThat(session.isHttpOnly()).isTrue();
      assertThat(session.getSameSite()).isEqualTo("Lax");
      supervisor.screenshot("5-supervisor-tasklist-header");
      supervisor.click(By.cssSelector("a.nf-oversight-link"));

      // the board, in the same session, with the user's name and the way back
      supervisor.visible(By.cssSelector("main h1"));
      assertThat(supervisor.driver.getCurrentUrl()).endsWith("/oversight");
      assertThat(
              supervisor
                  .driver
                  .findElement(By.cssSelector("[cam-widget-header] .user-name"))
                  .getText())
          .isEqualTo("督查人员");
      assertThat(
              supervisor
                  .driver
                  .findElement(By.cssSelector("[cam-widget-header]"))
                  .getCssValue("border-top-color"))
          .as("the webapps' header bar")
          .isEqualTo("rgba(181, 21, 43, 1)");
      supervisor.screenshot("6-supervisor-board-from-tasklist");

      // a row opens the department's page
      By row = By.cssSelector("tr[data-href*='" + notice.noticeId() + "'] td:first-child");
      supervisor.click(row);
      WebElement name = supervisor.visible(By.cssSelector("h1 .department-name"));
      assertThat(name.getText()).isEqualTo("县自然资源局");
      assertThat(supervisor.driver.getCurrentUrl())
          .endsWith("/oversight/notices/" + notice.noticeId() + "/departments/" + BOARD_DEPARTMENT);
      assertThat(supervisor.driver.findElement(By.cssSelector("main")).getText())
          .contains("办理经过", "待签收");
      supervisor.screenshot("7-supervisor-department-page");

      // and back to Tasklist, still logged in
      supervisor.click(By.cssSelector("[cam-widget-header] .tasklist-link a"));
      supervisor.visible(By.cssSelector("[cam-tasklist-filters] .task-filter"));
      assertThat(supervisor.driver.findElements(By.cssSelector("input[ng-model=username]")))
          .isEmpty();
      assertThat(supervisor.driver.manage().getCookieNamed("JSESSIONID").getValue())
          .as("one session id from login to here")
          .isEqualTo(session.getValue());
    }

    try (Browser clerk = new Browser(base)) {
      // a department clerk may neither create tasks nor start processes: neither is offered
      clerk.logInToTasklist(DemoUsers.clerkOf(BOARD_DEPARTMENT), DemoUsers.PASSWORD);
      clerk.wait.until(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("li.noticeflow-oversight-board")));
      settle(clerk);
      assertThat(displayed(clerk, "li.create-task-action")).isFalse();
      assertThat(displayed(clerk, "li.start-process-action")).isFalse();
      assertThat(clerk.driver.findElements(By.cssSelector("a.nf-oversight-link"))).isEmpty();
      assertThat(clerk.driver.findElement(By.cssSelector("[cam-widget-header]")).getText())
          .doesNotContain("新建任务", "发起流程", "督办看板");
      clerk.screenshot("8-clerk-header");
    }

    try (Browser office = new Browser(base)) {
      // the office may start processes (通知办理, 催办部门), so it keeps 发起流程; no task creation
      office.logInToTasklist(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD);
      office.wait.until(d -> displayed(office, "li.start-process-action"));
      settle(office);
      assertThat(displayed(office, "li.create-task-action")).isFalse();
      office.screenshot("9-office-header");
    }

    try (Browser admin = new Browser(base)) {
      // no Camunda 8 migration banner in Cockpit, Admin and the profile page (Welcome) either
      for (String app : List.of("cockpit", "admin", "welcome")) {
        admin.open("/camunda/app/" + app + "/default/");
        if (app.equals("cockpit")) {
          admin.visible(By.cssSelector("input[ng-model=username]")).sendKeys(DemoUsers.ADMIN);
          admin
              .driver
              .findElement(By.cssSelector("input[ng-model=password]"))
              .sendKeys(DemoUsers.PASSWORD);
          admin.driver.findElement(By.cssSelector("button[type=submit]")).click();
        }
        admin.visible(By.cssSelector("[cam-widget-header] .account"));
        List<WebElement> banners = admin.driver.findElements(By.cssSelector(".ce-eol-banner"));
        assertThat(banners)
            .as(app + " renders the banner (so hiding it is what is tested)")
            .isNotEmpty();
        assertThat(banners).as(app).noneMatch(WebElement::isDisplayed);
        admin.screenshot("10-" + app + "-without-banner");
      }
    }
  }

  /** Waits until the header's authorization checks have answered (the engine is local: quick). */
  private static void settle(Browser browser) {
    browser.wait.until(
        d ->
            Boolean.TRUE.equals(
                ((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript(
                        "return performance.getEntriesByType('resource').filter(function (e) {"
                            + " return /authorization\\/check|process-definition\\/count|\\/api\\/me/.test(e.name); }).length >= 3;")));
    try {
      Thread.sleep(300); // the answers' handlers run after the entries are recorded
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean displayed(Browser browser, String css) {
    return browser.driver.findElements(By.cssSelector(css)).stream()
        .anyMatch(WebElement::isDisplayed);
  }
}
