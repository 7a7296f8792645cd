package cn.datian.noticeflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One login: a user logged in to Tasklist calls the project's API from the same browser session
 * (the evidence form does), and changes need Tasklist's CSRF token.
 */
class TasklistSessionLoginTest extends ProcessTestSupport {

  @LocalServerPort int port;

  @Test
  void tasklistSession_authenticatesTheApi_andChangesNeedTheCsrfToken() throws Exception {
    IssuedNotice notice = publishNotice("一次登录", List.of("transport"));
    String response = responseOf(notice.processInstanceId(), "transport").getId();
    acknowledge(response, "transport");
    recordActivities(response, "transport", "活动");
    String evidence = "/api/notices/" + notice.noticeId() + "/departments/transport/evidence";

    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    assertThat(browser.send(get(evidence), HttpResponse.BodyHandlers.ofString()).statusCode())
        .as("no session yet")
        .isEqualTo(401);

    browser.send(get("/camunda/app/tasklist/"), HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> login =
        browser.send(
            HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrf(cookies))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username="
                            + URLEncoder.encode(
                                DemoUsers.clerkOf("transport"), StandardCharsets.UTF_8)
                            + "&password="
                            + DemoUsers.PASSWORD))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    browser.send(get("/camunda/app/tasklist/"), HttpResponse.BodyHandlers.discarding());

    assertThat(browser.send(get(evidence), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);

    String boundary = "----session";
    byte[] body =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"总结.pdf\"\r\n\r\n"
                + new String(SUMMARY_PDF, StandardCharsets.US_ASCII)
                + "\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder upload =
        HttpRequest.newBuilder(uri(evidence))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    assertThat(
            browser.send(upload.copy().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .as("no CSRF token")
        .isEqualTo(403);
    assertThat(
            browser
                .send(
                    upload.copy().header("X-XSRF-TOKEN", "forged").build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .as("wrong CSRF token")
        .isEqualTo(403);
    HttpResponse<String> uploaded =
        browser.send(
            upload.copy().header("X-XSRF-TOKEN", csrf(cookies)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    assertThat(uploaded.body()).contains("\"uploadedBy\":\"transport-clerk\"");
  }

  @Test
  void oneSession_servesParallelApiCalls_withoutANewSessionId() throws Exception {
    IssuedNotice notice = publishNotice("一个会话", List.of("transport"));
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    browser.send(get("/camunda/app/tasklist/"), HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> login = logIn(browser, cookies, DemoUsers.clerkOf("transport"));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // the login rotated the id once (Camunda's session-fixation protection), with both flags
    List<String> loginCookie = sessionCookies(login);
    assertThat(loginCookie)
        .singleElement()
        .satisfies(
            c ->
                assertThat(c)
                    .containsIgnoringCase("HttpOnly")
                    .containsPattern("(?i);\\s*SameSite=Lax"));
    String session = cookieValue(cookies, "JSESSIONID");

    // an embedded form's burst of calls: every one answered on the same session
    List<String> paths =
        List.of(
            "/api/notices/" + notice.noticeId(),
            "/api/notices/" + notice.noticeId() + "/departments/transport/evidence",
            "/api/oversight/notices/" + notice.noticeId(),
            "/api/oversight/overdue",
            "/api/notices/" + notice.noticeId(),
            "/api/oversight/notices/" + notice.noticeId());
    for (int round = 0; round < 3; round++) {
      List<CompletableFuture<HttpResponse<String>>> calls =
          paths.stream()
              .map(
                  p ->
                      browser.sendAsync(
                          xhr(p).header("X-XSRF-TOKEN", csrf(cookies)).build(),
                          HttpResponse.BodyHandlers.ofString()))
              .toList();
      for (CompletableFuture<HttpResponse<String>> call : calls) {
        HttpResponse<String> answer = call.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.uri() + " " + answer.body()).isEqualTo(200);
        assertThat(sessionCookies(answer)).as("no new session id from " + answer.uri()).isEmpty();
        assertThat(answer.headers().firstValue("WWW-Authenticate")).isEmpty();
      }
    }
    assertThat(cookieValue(cookies, "JSESSIONID")).isEqualTo(session);

    // and Tasklist's own engine calls still work on that session
    HttpResponse<String> tasks =
        browser.send(
            xhr("/camunda/api/engine/engine/default/task")
                .header("X-XSRF-TOKEN", csrf(cookies))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
    assertThat(sessionCookies(tasks)).isEmpty();
  }

  @Test
  void withoutSession_aBrowserGetsPlain401_aScriptIsOfferedBasic() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String path = "/api/oversight/overdue";

    // an XHR (Tasklist, an embedded form) or a browser with a stale session: no Basic pop-up
    for (HttpRequest request :
        List.of(
            xhr(path).build(),
            HttpRequest.newBuilder(uri(path))
                .header("Cookie", "JSESSIONID=expired")
                .header("Accept", "application/json")
                .build(),
            HttpRequest.newBuilder(uri(path))
                .header("Sec-Fetch-Mode", "cors")
                .header("Accept", "*/*")
                .build())) {
      HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(answer.headers().allValues("WWW-Authenticate"))
          .as(request.headers().toString())
          .isEmpty();
      assertThat(answer.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).contains("json"));
      assertThat(answer.body()).contains("\"status\":401");
    }

    // a browser opening the board is sent to Tasklist's login
    HttpResponse<String> page =
        client.send(
            HttpRequest.newBuilder(uri("/oversight"))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/camunda/app/tasklist/"));

    // a script: told Basic is accepted, and Basic works
    HttpResponse<String> script = client.send(get(path), HttpResponse.BodyHandlers.ofString());
    assertThat(script.statusCode()).isEqualTo(401);
    assertThat(script.headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"noticeflow\"");
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (DemoUsers.SUPERVISOR + ":" + DemoUsers.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> withCredentials =
        client.send(
            HttpRequest.newBuilder(uri(path)).header("Authorization", basic).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(withCredentials.statusCode()).isEqualTo(200);
    assertThat(sessionCookies(withCredentials)).as("Basic creates no session").isEmpty();
  }

  private HttpResponse<String> logIn(HttpClient browser, CookieManager cookies, String user)
      throws Exception {
    return browser.send(
        HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-XSRF-TOKEN", csrf(cookies))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "username="
                        + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password="
                        + DemoUsers.PASSWORD))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A request as Tasklist's AngularJS sends it. */
  private HttpRequest.Builder xhr(String path) {
    return HttpRequest.newBuilder(uri(path))
        .header("Accept", "application/json, text/plain, */*")
        .header("X-Requested-With", "XMLHttpRequest");
  }

  private static List<String> sessionCookies(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .toList();
  }

  private static String cookieValue(CookieManager cookies, String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .reduce((first, second) -> second)
        .orElseThrow();
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(uri(path)).GET().build();
  }

  private static String csrf(CookieManager cookies) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .reduce((first, second) -> second)
        .orElseThrow();
  }
}
