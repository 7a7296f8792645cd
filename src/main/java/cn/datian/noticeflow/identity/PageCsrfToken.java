package cn.datian.noticeflow.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The webapp session's CSRF token for the project's own pages (the directory, the calendar), which
 * change things through {@code /api}. Camunda's XSRF-TOKEN cookie is scoped to the webapps' path,
 * so a page outside {@code /camunda} cannot read it; the page gets the same token from its
 * server-rendered head instead ({@code oversight-layout}: meta {@code xsrf-token}), and {@link
 * WebappSessionAuthenticationFilter} checks it as it checks Tasklist's.
 */
@ControllerAdvice(
    basePackages = {"cn.datian.noticeflow.directory", "cn.datian.noticeflow.calendar"})
public class PageCsrfToken {

  @ModelAttribute("csrfToken")
  public String csrfToken(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object token =
        session == null
            ? null
            : session.getAttribute(WebappSessionAuthenticationFilter.CSRF_SESSION_ATTRIBUTE);
    return token == null ? null : token.toString();
  }
}
