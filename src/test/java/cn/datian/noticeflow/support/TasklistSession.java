package cn.datian.noticeflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser's session in Tasklist, without the browser: logs in the way Tasklist does and then
 * calls what Tasklist calls (its engine API under {@code /camunda/api/engine}, with the session
 * cookie and the CSRF token), or anything else a user could type into the console.
 */
public final class TasklistSession {

  /** Tasklist's own engine API. */
  public static final String ENGINE = "/camunda/api/engine/engine/default";

  private final int port;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  private TasklistSession(int port) {
    this.port = port;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  public static TasklistSession login(int port, String userId, String password) {
    TasklistSession session = new TasklistSession(port);
    session.send(session.request("/camunda/app/tasklist/").GET());
    HttpResponse<String> login =
        session.send(
            session
                .request("/camunda/api/admin/auth/user/default/login/tasklist")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", session.csrf())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username="
                            + URLEncoder.encode(userId, StandardCharsets.UTF_8)
                            + "&password="
                            + URLEncoder.encode(password, StandardCharsets.UTF_8))));
    assertThat(login.statusCode()).as("login of " + userId + ": " + login.body()).isEqualTo(200);
    // The login gives the session a new id; Tasklist's next page load brings the CSRF token
    // that belongs to it.
    session.send(session.request("/camunda/app/tasklist/").GET());
    return session;
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  public HttpResponse<String> post(String path, String json) {
    return send(withJson(path).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> put(String path, String json) {
    return send(withJson(path).PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path).header("X-XSRF-TOKEN", csrf()).DELETE());
  }

  private HttpRequest.Builder withJson(String path) {
    return request(path).header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "application/json");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String csrf() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .reduce((first, second) -> second)
        .orElse("");
  }
}
