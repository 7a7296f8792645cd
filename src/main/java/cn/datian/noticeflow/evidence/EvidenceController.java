package cn.datian.noticeflow.evidence;

import cn.datian.noticeflow.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Evidence over HTTP. Uploads are multipart (field "file", one or many), read as a stream straight
 * from the request into the content store ({@link MultipartStream}, {@link
 * EvidenceService#uploadStreamed}): no part is spooled by the container, every byte is written
 * once, and a 2 GB video never sits in memory. Spring's multipart resolution is off for this
 * endpoint ({@link StreamedUploadMultipartResolver}).
 *
 * <p>Permission comes before bytes: the uploader, the department and its open evidence task and the
 * declared length are checked before the first byte of the body is read; each file's type and size
 * limit before its first byte is stored. A refused upload answers at once, and the container drops
 * the connection instead of reading the rest ({@code server.tomcat.max-swallow-size}).
 */
@Tag(name = "佐证材料 Evidence")
@RestController
public class EvidenceController {

  static final String UPLOAD_PATH = "/api/notices/{noticeId}/departments/{departmentId}/evidence";

  private final EvidenceService evidence;

  public EvidenceController(EvidenceService evidence) {
    this.evidence = evidence;
  }

  @Operation(summary = "上传佐证材料 / Upload evidence")
  @PostMapping(path = UPLOAD_PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<List<Evidence>> upload(
      @PathVariable String noticeId,
      @PathVariable String departmentId,
      HttpServletRequest request,
      Authentication authentication)
      throws IOException {
    CurrentUser user = CurrentUser.of(authentication);
    evidence.requireMayUpload(noticeId, departmentId, user); // before the first byte of the body
    evidence.requireDeclaredSize(request.getContentLengthLong());
    String boundary = MultipartStream.boundaryOf(request.getContentType());
    if (boundary == null || boundary.length() > 70) {
      throw new EvidenceRejectedException(
          400, "上传不完整或格式错误：请求体应为完整的 multipart/form-data (no multipart boundary)");
    }
    MultipartStream body = new MultipartStream(request.getInputStream(), boundary);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(evidence.uploadStreamed(noticeId, departmentId, body, user));
  }

  @Operation(summary = "部门的佐证材料 / A department's evidence")
  @GetMapping("/api/notices/{noticeId}/departments/{departmentId}/evidence")
  public List<Evidence> list(
      @PathVariable String noticeId,
      @PathVariable String departmentId,
      Authentication authentication) {
    return evidence.list(noticeId, departmentId, CurrentUser.of(authentication));
  }

  /** The bytes, under the original (possibly Chinese) name; {@code ?inline=true} for thumbnails. */
  @Operation(summary = "下载佐证材料 / Download evidence")
  @GetMapping("/api/evidence/{evidenceId}")
  public ResponseEntity<InputStreamResource> download(
      @PathVariable String evidenceId,
      @RequestParam(name = "inline", defaultValue = "false") boolean inline,
      Authentication authentication)
      throws IOException {
    Evidence found = evidence.find(evidenceId, CurrentUser.of(authentication));
    ContentDisposition disposition =
        (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
            .filename(found.originalName(), StandardCharsets.UTF_8)
            .build();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(found.contentType()))
        .contentLength(found.size())
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
        .header("X-Content-SHA256", found.sha256())
        .header("X-Content-Type-Options", "nosniff")
        .body(new InputStreamResource(evidence.open(found)));
  }

  @Operation(summary = "删除佐证材料（任务完成前）/ Remove evidence while its task is open")
  @DeleteMapping("/api/evidence/{evidenceId}")
  public ResponseEntity<Void> delete(@PathVariable String evidenceId, Authentication authentication)
      throws IOException {
    evidence.delete(evidenceId, CurrentUser.of(authentication));
    return ResponseEntity.noContent().build();
  }
}
