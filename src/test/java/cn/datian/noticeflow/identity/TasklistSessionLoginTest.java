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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One login: a user logged in to Tasklist calls the project's API from the same browser
 * session (the evidence form does), and changes need Tasklist's CSRF token.
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
        .as("no session yet").isEqualTo(401);

    browser.send(get("/camunda/app/tasklist/"), HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> login =
        browser.send(
            HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrf(cookies))
                .POST(HttpRequest.BodyPublishers.ofString(
                    "username=" + URLEncoder.encode(DemoUsers.clerkOf("transport"), StandardCharsets.UTF_8)
                        + "&password=" + DemoUsers.PASSWORD))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    browser.send(get("/camunda/app/tasklist/"), HttpResponse.BodyHandlers.discarding());

    assertThat(browser.send(get(evidence), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

    String boundary = "----session";
    byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"总结.pdf\"\r\n\r\n"
            + new String(SUMMARY_PDF, StandardCharsets.US_ASCII) + "\r\n--" + boundary + "--\r\n")
        .getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder upload =
        HttpRequest.newBuilder(uri(evidence))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    assertThat(browser.send(upload.copy().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .as("no CSRF token").isEqualTo(403);
    assertThat(browser.send(upload.copy().header("X-XSRF-TOKEN", "forged").build(), HttpResponse.BodyHandlers.ofString())
            .statusCode())
        .as("wrong CSRF token").isEqualTo(403);
    HttpResponse<String> uploaded =
        browser.send(upload.copy().header("X-XSRF-TOKEN", csrf(cookies)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    assertThat(uploaded.body()).contains("\"uploadedBy\":\"transport-clerk\"");
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
