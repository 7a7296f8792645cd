package cn.datian.noticeflow.notice;

import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notice API: issue a notice, list notices, its audit, the departments it can go to. A notice
 * with its recipients' progress is read through response.ResponseController.
 */
@Tag(name = "通知 Notices")
@RestController
@RequestMapping("/api")
public class NoticeController {

  private final NoticeService noticeService;
  private final NoticeRepository notices;
  private final DepartmentDirectory directory;
  private final AuditTrail auditTrail;

  public NoticeController(
      NoticeService noticeService,
      NoticeRepository notices,
      DepartmentDirectory directory,
      AuditTrail auditTrail) {
    this.noticeService = noticeService;
    this.notices = notices;
    this.directory = directory;
    this.auditTrail = auditTrail;
  }

  @Operation(summary = "发文 / Issue a notice")
  @PostMapping("/notices")
  public ResponseEntity<Map<String, String>> issue(
      @RequestBody NoticeInput request, Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    if (!user.isIssuer()) {
      throw new AccessDeniedException("只有领导小组办公室可以发文 (only the office issues notices)");
    }
    IssuedNotice issued = noticeService.issue(request, user.id(), user.groupIdList());
    return ResponseEntity.created(URI.create("/api/notices/" + issued.noticeId()))
        .body(
            Map.of(
                "noticeId", issued.noticeId(),
                "processInstanceId", issued.processInstanceId()));
  }

  /** The draft as its form edits it (the office only): fields as typed, what is still missing. */
  @Operation(summary = "通知草稿 / The draft")
  @GetMapping("/notices/{id}/draft")
  public NoticeService.DraftView draft(@PathVariable String id, Authentication authentication) {
    requireIssuer(authentication);
    return noticeService.draft(id);
  }

  /**
   * Saves the draft as typed (Task_DraftNotice's form calls this as the clerk goes): never refused
   * for what is missing, 409 once the notice has gone to sign-off.
   */
  @Operation(summary = "保存草稿 / Save the draft as typed")
  @PutMapping("/notices/{id}/draft")
  public NoticeService.DraftView saveDraft(
      @PathVariable String id,
      @RequestBody Map<String, Object> fields,
      Authentication authentication) {
    requireIssuer(authentication);
    return noticeService.saveDraft(id, fields);
  }

  private static void requireIssuer(Authentication authentication) {
    if (!CurrentUser.of(authentication).isIssuer()) {
      throw new AccessDeniedException("只有领导小组办公室可以起草通知 (only the office drafts notices)");
    }
  }

  /** Every step of the notice with its seal, and whether the record is intact. */
  @Operation(summary = "办理记录校验 / The sealed record, checked")
  @GetMapping("/notices/{id}/audit")
  public AuditTrail.Audit audit(@PathVariable String id, Authentication authentication) {
    if (!CurrentUser.of(authentication).hasOversight()) {
      throw new AccessDeniedException("无权查看办理记录校验 (office, leading group and supervisors only)");
    }
    return auditTrail.audit(id);
  }

  public record NoticeSummary(String id, String number, String title, NoticeState state) {}

  @Operation(summary = "通知列表 / Every notice")
  @GetMapping("/notices")
  public List<NoticeSummary> list(Authentication authentication) {
    if (!CurrentUser.of(authentication).hasOversight()) {
      throw new AccessDeniedException("无权查看通知列表 (oversight groups only)");
    }
    return notices.findAll().stream()
        .map(n -> new NoticeSummary(n.id(), n.number(), n.title(), n.state()))
        .toList();
  }

  @Operation(summary = "可发文的单位 / The departments a notice can go to")
  @GetMapping("/departments")
  public List<Department> departments() {
    return List.copyOf(directory.all());
  }
}
