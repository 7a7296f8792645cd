package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.identity.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Urging a department and asking for more time, over the API. */
@Tag(name = "催办与延期 Urging and extensions")
@RestController
@RequestMapping("/api/notices/{noticeId}/departments/{departmentId}")
public class DeadlineController {

  private final UrgeService urges;
  private final ExtensionService extensions;

  public DeadlineController(UrgeService urges, ExtensionService extensions) {
    this.urges = urges;
    this.extensions = extensions;
  }

  public record UrgeRequest(String message) {}

  /** 催办: the office only. */
  @Operation(summary = "催办部门 / Urge a department")
  @PostMapping("/urge")
  public ResponseEntity<Map<String, String>> urge(
      @PathVariable String noticeId,
      @PathVariable String departmentId,
      @RequestBody UrgeRequest request,
      Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    if (!user.inAnyOf(Groups.ISSUERS)) {
      throw new AccessDeniedException("只有领导小组办公室可以催办 (only the office urges)");
    }
    String key = urges.urge(noticeId, departmentId, request.message(), user.id());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("mailKey", key));
  }

  public record ExtensionRequest(String requestedDeadline, String reason) {}

  /** 延期申请: the department's own users only. */
  @Operation(summary = "申请延期 / Ask for more time")
  @PostMapping("/extension-requests")
  public ResponseEntity<Map<String, String>> requestExtension(
      @PathVariable String noticeId,
      @PathVariable String departmentId,
      @RequestBody ExtensionRequest request,
      Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    if (!user.groupIds().contains(departmentId)) {
      throw new AccessDeniedException("只能为本部门申请延期 (only the department's own users)");
    }
    extensions.request(
        noticeId, departmentId, request.requestedDeadline(), request.reason(), user.id());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("state", "awaiting decision"));
  }
}
