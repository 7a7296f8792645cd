package cn.datian.noticeflow.directory;

import cn.datian.noticeflow.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/** The office's people: import from a spreadsheet, its template, the list, deactivation. */
@Tag(name = "名录：人员 Directory: people")
@RestController
public class PeopleController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  static final long MAX_FILE = 10L * 1024 * 1024;

  private final PeopleService people;

  public PeopleController(PeopleService people) {
    this.people = people;
  }

  /**
   * {@code deactivateMissing=true}: the file is the full list, and active people missing from it
   * are deactivated. Without it, the file only adds and changes.
   */
  @Operation(summary = "导入人员 / Import people (xlsx, CSV)")
  @PostMapping("/api/directory/users/import")
  public PeopleService.ImportResult importUsers(
      MultipartHttpServletRequest request,
      @RequestParam(defaultValue = "false") boolean deactivateMissing,
      Authentication authentication)
      throws IOException {
    CurrentUser user = CurrentUser.of(authentication);
    user.requireDirectoryManager();
    return people.importPeople(read(request), deactivateMissing, user.id());
  }

  static Sheet read(MultipartHttpServletRequest request) throws IOException {
    MultipartFile file = request.getFile("file");
    if (file == null || file.isEmpty()) {
      throw new IllegalArgumentException("请上传文件（表单字段 file）");
    }
    if (file.getSize() > MAX_FILE) {
      throw new IllegalArgumentException("文件过大（最多10 MB）");
    }
    return Sheet.read(file.getOriginalFilename(), file.getBytes());
  }

  @Operation(summary = "人员导入模板 / Import template")
  @GetMapping("/api/directory/users/template.xlsx")
  public ResponseEntity<byte[]> template(Authentication authentication) {
    CurrentUser.of(authentication).requireDirectoryManager();
    return xlsx(
        "人员导入模板.xlsx",
        Sheet.template(
            PeopleService.HEADERS,
            List.of(
                List.of("zhang-san", "张三", "县交通局", "经办人", "zhangsan@example.cn", "13800000000"),
                List.of("li-si", "李四", "transport", "负责人", "lisi@example.cn", ""))));
  }

  @Operation(summary = "人员名录 / The people")
  @GetMapping("/api/directory/users")
  public List<PeopleService.PersonView> list(Authentication authentication) {
    CurrentUser.of(authentication).requireDirectoryManager();
    return people.list();
  }

  @Operation(summary = "停用人员 / Deactivate a person")
  @DeleteMapping("/api/directory/users/{userId}")
  public Map<String, Object> deactivate(
      @PathVariable String userId, Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    user.requireDirectoryManager();
    return Map.of("userId", userId, "deactivated", people.deactivate(userId, user.id()));
  }

  static ResponseEntity<byte[]> xlsx(String name, byte[] body) {
    return ResponseEntity.ok()
        .contentType(XLSX)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(name, StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(body);
  }

  /** 400 with every error by row and column; nothing was imported. */
  @ExceptionHandler(ImportRefusedException.class)
  ResponseEntity<ProblemDetail> refused(ImportRefusedException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("导入未完成");
    problem.setProperty("errors", e.errors());
    return ResponseEntity.badRequest().body(problem);
  }
}
