package cn.datian.noticeflow.calendar;

import cn.datian.noticeflow.identity.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The board's line when next year's holidays are missing ({@code calendarNotice}), for those who
 * follow every department, and whether the header links to the directory's pages.
 */
@ControllerAdvice(
    basePackages = {"cn.datian.noticeflow.oversight", "cn.datian.noticeflow.calendar"})
public class CalendarBoardNotice {

  private final CalendarCoverage coverage;

  public CalendarBoardNotice(CalendarCoverage coverage) {
    this.coverage = coverage;
  }

  @ModelAttribute("calendarNotice")
  public String calendarNotice(HttpServletRequest request, Authentication authentication) {
    if (authentication == null
        || !request.getRequestURI().startsWith("/oversight")
        || request.getRequestURI().contains(".")
        || !CurrentUser.of(authentication).hasOversight()) {
      return null;
    }
    return coverage.notice().orElse(null);
  }

  @ModelAttribute("managesDirectory")
  public boolean managesDirectory(Authentication authentication) {
    return authentication != null && CurrentUser.of(authentication).managesDirectory();
  }
}
