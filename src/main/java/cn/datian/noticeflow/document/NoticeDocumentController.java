package cn.datian.noticeflow.document;

import cn.datian.noticeflow.evidence.EvidenceRejectedException;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.response.ResponseRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * The notice's text and attachments over HTTP, for every task's notice panel and for scripts. A
 * task's notice is resolved on the server from the task's process instance, as the user (Camunda's
 * authorization decides whether the task is theirs to see), never from a variable.
 */
@Tag(name = "通知正文与附件 Notice text and attachments")
@RestController
public class NoticeDocumentController {

  private final NoticeService noticeService;
  private final NoticeRepository notices;
  private final NoticeReaders readers;
  private final AttachmentService attachments;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final ResponseRepository recipients;

  public NoticeDocumentController(
      NoticeService noticeService,
      NoticeRepository notices,
      NoticeReaders readers,
      AttachmentService attachments,
      TaskService taskService,
      RuntimeService runtimeService,
      IdentityService identityService,
      ResponseRepository recipients) {
    this.recipients = recipients;
    this.noticeService = noticeService;
    this.notices = notices;
    this.readers = readers;
    this.attachments = attachments;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
  }

  @Operation(summary = "通知正文和附件 / The notice's text and attachments")
  @GetMapping("/api/notices/{noticeId}/document")
  public NoticeText document(@PathVariable String noticeId, Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    Notice notice = noticeService.require(noticeId);
    readers.requireReader(notice, user);
    return textOf(notice);
  }

  /** The notice of a task the user can see (404 for a task they cannot, as for none). */
  @Operation(summary = "任务所属的通知 / The notice of a task")
  @GetMapping("/api/tasks/{taskId}/notice")
  public NoticeText taskNotice(@PathVariable String taskId, Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    Task task;
    identityService.setAuthentication(user.id(), user.groupIdList());
    try {
      task = taskService.createTaskQuery().taskId(taskId).singleResult();
    } finally {
      identityService.clearAuthentication();
    }
    if (task == null || task.getProcessInstanceId() == null) {
      throw new EvidenceRejectedException(404, "没有这项任务，或该任务与通知无关 (no such task)");
    }
    Notice notice =
        noticeOf(task.getProcessInstanceId())
            .orElseThrow(
                () -> new EvidenceRejectedException(404, "该任务与通知无关 (the task has no notice)"));
    readers.requireReader(notice, user);
    return textOf(notice);
  }

  /** The lifecycle's notice, a response's recipient row, or the notice a side process is about. */
  private Optional<Notice> noticeOf(String processInstanceId) {
    Optional<Notice> lifecycle = notices.findByProcessInstance(processInstanceId);
    if (lifecycle.isPresent()) {
      return lifecycle;
    }
    Optional<Notice> response =
        recipients.recipientOfProcess(processInstanceId).flatMap(r -> notices.find(r.noticeId()));
    if (response.isPresent()) {
      return response;
    }
    ProcessInstance instance =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .singleResult();
    return instance == null || instance.getBusinessKey() == null
        ? Optional.empty()
        : notices.find(instance.getBusinessKey());
  }

  private NoticeText textOf(Notice n) {
    return new NoticeText(
        n.id(),
        n.title(),
        n.number(),
        n.issuer(),
        n.issuedOn(),
        n.issuedOn() == null ? null : OfficialDocumentWriter.dateText(n.issuedOn()),
        noticeService.recipientNames(n.recipientIds()),
        n.body(),
        n.state().code(),
        n.state().label(),
        attachments.all(n.id()));
  }

  // --- attachments ------------------------------------------------------------------------

  /** Lazy multipart: the office and the draft state are checked before the body is read. */
  @Operation(summary = "上传附件（草稿阶段）/ Attach files while a draft")
  @PostMapping(
      path = "/api/notices/{noticeId}/attachments",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<List<NoticeAttachment>> upload(
      @PathVariable String noticeId,
      MultipartHttpServletRequest request,
      Authentication authentication)
      throws IOException {
    CurrentUser user = CurrentUser.of(authentication);
    attachments.requireMayChange(noticeId, user); // before the first byte of the body
    List<MultipartFile> files = request.getFiles("file");
    if (files.isEmpty()) {
      throw new EvidenceRejectedException(400, "file: 请选择要上传的文件 (no file part)");
    }
    List<NoticeAttachment> stored = new ArrayList<>();
    for (MultipartFile file : files) {
      stored.add(
          attachments.upload(
              noticeId,
              file.getOriginalFilename(),
              target -> file.transferTo(target.toFile()),
              user));
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(stored);
  }

  @Operation(summary = "附件列表 / The notice's attachments")
  @GetMapping("/api/notices/{noticeId}/attachments")
  public List<NoticeAttachment> list(@PathVariable String noticeId, Authentication authentication) {
    return attachments.list(noticeId, CurrentUser.of(authentication));
  }

  @Operation(summary = "下载附件 / Download an attachment")
  @GetMapping("/api/notices/{noticeId}/attachments/{attachmentId}")
  public ResponseEntity<InputStreamResource> download(
      @PathVariable String noticeId,
      @PathVariable String attachmentId,
      Authentication authentication)
      throws IOException {
    NoticeAttachment found =
        attachments.find(noticeId, attachmentId, CurrentUser.of(authentication));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(found.contentType()))
        .contentLength(found.size())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(found.originalName(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-SHA256", found.sha256())
        .header("X-Content-Type-Options", "nosniff")
        .body(new InputStreamResource(attachments.open(found)));
  }

  @Operation(summary = "删除附件（草稿阶段）/ Remove an attachment while a draft")
  @DeleteMapping("/api/notices/{noticeId}/attachments/{attachmentId}")
  public ResponseEntity<Void> delete(
      @PathVariable String noticeId,
      @PathVariable String attachmentId,
      Authentication authentication)
      throws IOException {
    attachments.delete(noticeId, attachmentId, CurrentUser.of(authentication));
    return ResponseEntity.noContent().build();
  }
}
