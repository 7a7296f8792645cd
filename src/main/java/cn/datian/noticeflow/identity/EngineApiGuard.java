package cn.datian.noticeflow.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Engine API calls that only administrators may make, refused before the engine sees them.
 *
 * <ul>
 *   <li><b>Jobs</b> ({@code /job}, {@code /job-definition}): a refused {@code execute} still counts
 *       as a failed attempt inside the engine (its retries drop, three and the deadline watch is an
 *       incident), so the refusal has to come before the call reaches the engine. Listing them
 *       would also show every department's deadline watch.
 *   <li><b>Deleting a task</b>: every task here belongs to a process and the engine answers such a
 *       delete with a 500; nobody but an administrator has reason to try.
 * </ul>
 *
 * <p>Covers Camunda's REST API ({@code /engine-rest}, HTTP Basic) and the webapps' engine API
 * ({@code /camunda/api/engine/engine/{name}}, the Tasklist session). A refusal needs no password
 * check: whoever the request claims to be, only an administrator passes on to the engine's own
 * authentication.
 */
public class EngineApiGuard extends OncePerRequestFilter {

  private static final Pattern ENGINE_PATH =
      Pattern.compile("^/(?:engine-rest(?:/engine/[^/]+)?|camunda/api/engine/engine/[^/]+)(/.*)?$");
  private static final Pattern TASK = Pattern.compile("^/task/[^/]+/?$");

  private final IdentityService identityService;

  public EngineApiGuard(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Matcher engine = ENGINE_PATH.matcher(path);
    if (engine.matches()
        && adminOnly(request.getMethod(), engine.group(1) == null ? "" : engine.group(1))) {
      String user = claimedUser(request);
      if (user != null && !isAdmin(user)) {
        refuse(response);
        return;
      }
    }
    chain.doFilter(request, response);
  }

  static boolean adminOnly(String method, String enginePath) {
    return enginePath.startsWith("/job")
        || ("DELETE".equals(method) && TASK.matcher(enginePath).matches());
  }

  /** Who the request says it is; null when it says nothing (the engine's login answers it). */
  private static String claimedUser(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? decoded : decoded.substring(0, colon);
      } catch (IllegalArgumentException e) {
        return ""; // not Basic at all: nobody, refused
      }
    }
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    Authentication authentication =
        authentications == null
            ? null
            : authentications.getAuthenticationForProcessEngine(
                WebappSessionAuthenticationFilter.ENGINE);
    return authentication instanceof UserAuthentication user ? user.getName() : null;
  }

  private boolean isAdmin(String userId) {
    return !userId.isEmpty()
        && identityService
                .createUserQuery()
                .userId(userId)
                .memberOfGroup(Groups.CAMUNDA_ADMIN)
                .count()
            > 0;
  }

  private static void refuse(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            "{\"type\":\"AuthorizationException\",\"message\":"
                + "\"只有系统管理员可以管理作业或删除任务 (administrators only)\"}");
  }
}
