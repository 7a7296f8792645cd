package cn.datian.noticeflow.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One login: a user logged in to Tasklist may call the project's API from the same browser (the
 * evidence form uploads from inside Tasklist). The Camunda webapp session is the proof; a request
 * that changes something must also carry the webapp's CSRF token, as Tasklist's own requests do.
 */
public class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

  static final String ENGINE = "default";
  static final String CSRF_HEADER = "X-XSRF-TOKEN";
  static final String CSRF_SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null && request.getHeader("Authorization") == null) {
      Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
      Authentication authentication =
          authentications == null
              ? null
              : authentications.getAuthenticationForProcessEngine(ENGINE);
      if (authentication instanceof UserAuthentication user) {
        if (!SAFE_METHODS.contains(request.getMethod()) && !csrfTokenMatches(request, session)) {
          response.sendError(HttpServletResponse.SC_FORBIDDEN, "CSRF token missing or wrong");
          return;
        }
        List<SimpleGrantedAuthority> groups =
            user.getGroupIds() == null
                ? List.of()
                : user.getGroupIds().stream().map(SimpleGrantedAuthority::new).toList();
        SecurityContextHolder.getContext()
            .setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user.getName(), null, groups));
      }
    }
    chain.doFilter(request, response);
  }

  private static boolean csrfTokenMatches(HttpServletRequest request, HttpSession session) {
    Object expected = session.getAttribute(CSRF_SESSION_ATTRIBUTE);
    String given = request.getHeader(CSRF_HEADER);
    return expected != null
        && given != null
        && MessageDigest.isEqual(
            expected.toString().getBytes(StandardCharsets.UTF_8),
            given.getBytes(StandardCharsets.UTF_8));
  }
}
