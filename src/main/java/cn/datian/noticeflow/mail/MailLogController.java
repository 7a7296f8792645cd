package cn.datian.noticeflow.mail;

import cn.datian.noticeflow.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The mail log of a notice, for the office, the leading group and supervisors. */
@Tag(name = "邮件 Mail")
@RestController
public class MailLogController {

  private final MailLog mailLog;

  public MailLogController(MailLog mailLog) {
    this.mailLog = mailLog;
  }

  public record MailView(
      String messageId,
      MailKind kind,
      String departmentId,
      List<String> recipients,
      String subject,
      MailState state,
      int attempts,
      String lastError,
      OffsetDateTime createdAt,
      OffsetDateTime sentAt,
      OffsetDateTime nextAttemptAt,
      String skipReason) {}

  @Operation(summary = "邮件记录 / The notice's mail log")
  @GetMapping("/api/notices/{noticeId}/mail")
  public List<MailView> mail(@PathVariable String noticeId, Authentication authentication) {
    if (!CurrentUser.of(authentication).hasOversight()) {
      throw new AccessDeniedException("无权查看邮件记录 (oversight groups only)");
    }
    return mailLog.findAll(noticeId).stream()
        .map(
            e ->
                new MailView(
                    e.messageId(),
                    e.kind(),
                    e.departmentId(),
                    e.recipients(),
                    e.subject(),
                    e.state(),
                    e.attempts(),
                    e.lastError(),
                    e.createdAt(),
                    e.sentAt(),
                    MailState.UNSENT.contains(e.state()) ? e.nextAttemptAt() : null,
                    e.skipReason()))
        .toList();
  }
}
