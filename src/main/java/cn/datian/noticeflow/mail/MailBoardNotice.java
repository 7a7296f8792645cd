package cn.datian.noticeflow.mail;

import cn.datian.noticeflow.identity.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The board's line for the office, the leading group and supervisors when mail is stuck ({@code
 * mailNotice}: 邮件发送受阻：N 封待发，最早于 …). Given to the board's page from here, so the board needs no more
 * than one line of template to show it.
 */
@ControllerAdvice(basePackages = "cn.datian.noticeflow.oversight")
public class MailBoardNotice {

  private final MailBacklog backlog;

  public MailBoardNotice(MailBacklog backlog) {
    this.backlog = backlog;
  }

  @ModelAttribute("mailNotice")
  public String mailNotice(HttpServletRequest request, Authentication authentication) {
    if (authentication == null
        || !request.getRequestURI().startsWith("/oversight")
        || request.getRequestURI().contains(".")
        || !CurrentUser.of(authentication).hasOversight()) {
      return null;
    }
    return backlog.boardNotice().orElse(null);
  }
}
