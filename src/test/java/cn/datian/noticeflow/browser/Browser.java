package cn.datian.noticeflow.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromedriver}), one fresh profile
 * per browser, so two users never share a session. Screenshots go to {@code
 * target/browser-screenshots}.
 *
 * <p>Where Chromium is not installed the browser tests are skipped, unless {@code
 * NOTICEFLOW_BROWSER_TESTS=required} (which {@code .ci/run} sets after installing it).
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

  final ChromeDriver driver;
  final WebDriverWait wait;
  private final String baseUrl;
  private final Path profile;

  static void requireChromium() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String message =
        "Chromium and chromedriver are needed at "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver fonts-noto-cjk)";
    if ("required".equals(System.getenv("NOTICEFLOW_BROWSER_TESTS"))) {
      Assertions.assertTrue(installed, message);
    }
    Assumptions.assumeTrue(installed, message);
  }

  Browser(String baseUrl) {
    this.baseUrl = baseUrl;
    try {
      this.profile = Files.createTempDirectory("noticeflow-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        // without these Chromium keeps calling home, and this network refuses it
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--window-size=1400,1000",
        "--lang=zh-CN",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  void open(String path) {
    driver.get(baseUrl + path);
  }

  /** Logs in on Tasklist's own login page; the session then also opens the board and the API. */
  void logInToTasklist(String user, String password) {
    open("/camunda/app/tasklist/");
    WebElement username = visible(By.cssSelector("input[ng-model=username]"));
    username.sendKeys(user);
    driver.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    visible(By.cssSelector("[cam-tasklist-filters] .task-filter"));
  }

  WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Scrolls the element to the middle of the window first: Tasklist's footer covers the bottom. */
  void click(By by) {
    WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    wait.until(ExpectedConditions.elementToBeClickable(element)).click();
  }

  static By containingText(String css, String text) {
    return By.xpath("//" + css + "[contains(normalize-space(.), '" + text + "')]");
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(
          shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp profile left behind is harmless
    }
  }
}
