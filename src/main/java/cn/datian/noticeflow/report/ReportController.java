package cn.datian.noticeflow.report;

import cn.datian.noticeflow.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A notice's documents, for the office, the leading group and supervisors: the consolidated report
 * (latest or any version) and the status report of this moment.
 */
@Tag(name = "报告 Reports")
@RestController
@RequestMapping("/api/notices/{noticeId}/reports")
public class ReportController {

  static final MediaType DOCX =
      MediaType.parseMediaType(
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

  private final ReportService reports;

  public ReportController(ReportService reports) {
    this.reports = reports;
  }

  @Operation(summary = "报告各版本 / Every report version")
  @GetMapping
  public List<NoticeDocument> list(@PathVariable String noticeId, Authentication authentication) {
    requireOversight(authentication);
    return reports.documents(noticeId);
  }

  @Operation(summary = "汇总报告（最新版）/ The latest consolidated report")
  @GetMapping("/consolidated.docx")
  public ResponseEntity<Resource> consolidated(
      @PathVariable String noticeId, Authentication authentication) throws IOException {
    requireOversight(authentication);
    return download(reports.latestConsolidatedReport(noticeId));
  }

  @Operation(summary = "情况通报 / The status report, written now")
  @GetMapping("/status.docx")
  public ResponseEntity<byte[]> status(
      @PathVariable String noticeId, Authentication authentication) {
    requireOversight(authentication);
    ReportService.GeneratedDocument document = reports.statusReport(noticeId);
    return ResponseEntity.ok()
        .contentType(DOCX)
        .header(HttpHeaders.CONTENT_DISPOSITION, attachment(document.fileName()))
        .body(document.content());
  }

  @Operation(summary = "下载某一版本 / One version of a report")
  @GetMapping("/{documentId}")
  public ResponseEntity<Resource> version(
      @PathVariable String noticeId, @PathVariable String documentId, Authentication authentication)
      throws IOException {
    requireOversight(authentication);
    return download(reports.document(noticeId, documentId));
  }

  private ResponseEntity<Resource> download(NoticeDocument document) throws IOException {
    InputStream content = reports.open(document);
    return ResponseEntity.ok()
        .contentType(DOCX)
        .contentLength(document.size())
        .header(HttpHeaders.CONTENT_DISPOSITION, attachment(document.fileName()))
        .header(HttpHeaders.ETAG, '"' + document.sha256() + '"')
        .body(new InputStreamResource(content));
  }

  private static String attachment(String fileName) {
    return ContentDisposition.attachment()
        .filename(fileName, StandardCharsets.UTF_8)
        .build()
        .toString();
  }

  /** Reports cover every department, so they are for those who follow all departments. */
  private static void requireOversight(Authentication authentication) {
    if (!CurrentUser.of(authentication).hasOversight()) {
      throw new AccessDeniedException("汇总报告和情况通报仅供办公室、领导小组和督查人员查看 (oversight groups only)");
    }
  }
}
