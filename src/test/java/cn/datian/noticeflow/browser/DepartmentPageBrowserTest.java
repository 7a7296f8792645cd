package cn.datian.noticeflow.browser;

import static cn.datian.noticeflow.browser.Browser.containingText;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.identity.DemoUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The office keeps its departments on /directory/departments in Chromium, logged in through
 * Tasklist: adds one with its section-四 activities, renames it, deactivates it, and reads every
 * change in the log on the page; a department's clerk is refused the page.
 */
class DepartmentPageBrowserTest extends cn.datian.noticeflow.support.ProcessTestSupport {

  static final String ID = "browser-dept";

  @LocalServerPort int port;
  @Autowired DepartmentDirectory directory;

  @BeforeAll
  static void chromium() {
    Browser.requireChromium();
  }

  /**
   * Tasklist's first load on a busy machine can outlast the browser's usual wait: let it load once.
   */
  private static void warmUp(Browser browser) {
    browser.open("/camunda/app/tasklist/");
    new org.openqa.selenium.support.ui.WebDriverWait(
            browser.driver, java.time.Duration.ofSeconds(120))
        .until(
            org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("input[ng-model=username]")));
  }

  @Test
  void theOfficeAddsRenamesAndDeactivatesADepartment_onItsPage() {
    identityService.unlockUser(DemoUsers.OFFICE_CLERK);
    try (Browser office = new Browser("http://localhost:" + port)) {
      try {
        warmUp(office);
        office.logInToTasklist(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD);
        office.open("/directory/departments");
        office.visible(containingText("h1", "部门和单位"));
        office.visible(By.cssSelector("tr[data-id='transport']"));

        office.driver.findElement(By.id("id")).sendKeys(ID);
        office.driver.findElement(By.id("name")).sendKeys("县浏览器检验局");
        office.driver.findElement(By.id("email")).sendKeys("browser-dept@datian.example.cn");
        office.driver.findElement(By.id("activities")).sendKeys("开展质量宣传进社区\n组织质量知识竞赛");
        office.click(By.id("save"));
        office.visible(By.cssSelector("tr[data-id='" + ID + "']"));
        assertThat(
                office
                    .driver
                    .findElement(By.cssSelector("tr[data-id='" + ID + "'] td.activities"))
                    .getText())
            .contains("开展质量宣传进社区", "组织质量知识竞赛");
        assertThat(directory.contains(ID)).isTrue();

        office.click(By.cssSelector("tr[data-id='" + ID + "'] a.edit"));
        office.wait.until(d -> ID.equals(d.findElement(By.id("id")).getAttribute("value")));
        office.driver.findElement(By.id("name")).clear();
        office.driver.findElement(By.id("name")).sendKeys("县浏览器检验中心");
        office.click(By.id("save"));
        office.visible(containingText("tr[@data-id='" + ID + "']/td", "县浏览器检验中心"));
        assertThat(directory.require(ID).name()).isEqualTo("县浏览器检验中心");

        office.click(By.cssSelector("tr[data-id='" + ID + "'] a.deactivate"));
        office.wait.until(
            d -> {
              try {
                d.switchTo().alert().accept();
                return true;
              } catch (org.openqa.selenium.NoAlertPresentException e) {
                return false;
              }
            });
        office.visible(containingText("tr[@data-id='" + ID + "']/td", "已停用"));
        assertThat(directory.contains(ID)).isFalse();
        String log = office.driver.findElement(By.cssSelector("table.changes")).getText();
        assertThat(log).contains("新增部门 " + ID + "（县浏览器检验局）", "更名：县浏览器检验局 → 县浏览器检验中心", "停用部门 " + ID);
        office.screenshot("directory-departments");
      } catch (RuntimeException | AssertionError e) {
        office.screenshot("failed-directory-departments");
        throw e;
      }
    }
    try (Browser clerk = new Browser("http://localhost:" + port)) {
      warmUp(clerk);
      clerk.logInToTasklist(DemoUsers.clerkOf("transport"), DemoUsers.PASSWORD);
      clerk.open("/directory/departments");
      clerk.wait.until(d -> d.getPageSource().contains("403") || d.getPageSource().contains("无权"));
      assertThat(clerk.driver.getPageSource()).doesNotContain("县交通局</td>");
    }
  }
}
