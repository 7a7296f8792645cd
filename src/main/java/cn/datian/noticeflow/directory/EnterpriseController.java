package cn.datian.noticeflow.directory;

import cn.datian.noticeflow.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * The office's enterprises: import, template, list (and the ids of a chosen subset), deactivation.
 */
@Tag(name = "名录：企业 Directory: enterprises")
@RestController
public class EnterpriseController {

  private final EnterpriseDirectory enterprises;

  public EnterpriseController(EnterpriseDirectory enterprises) {
    this.enterprises = enterprises;
  }

  @Operation(summary = "导入企业 / Import enterprises (xlsx, CSV)")
  @PostMapping("/api/directory/enterprises/import")
  public EnterpriseDirectory.ImportResult importEnterprises(
      MultipartHttpServletRequest request,
      @RequestParam(defaultValue = "false") boolean deactivateMissing,
      Authentication authentication)
      throws IOException {
    CurrentUser user = CurrentUser.of(authentication);
    user.requireDirectoryManager();
    return enterprises.importEnterprises(
        PeopleController.read(request), deactivateMissing, user.id());
  }

  @Operation(summary = "企业导入模板 / Import template")
  @GetMapping("/api/directory/enterprises/template.xlsx")
  public ResponseEntity<byte[]> template(Authentication authentication) {
    CurrentUser.of(authentication).requireDirectoryManager();
    return PeopleController.xlsx(
        "企业导入模板.xlsx",
        Sheet.template(
            EnterpriseDirectory.HEADERS,
            List.of(
                List.of(
                    "大田县某某机械有限公司",
                    ExampleEnterprises.examples().get(0).creditCode(),
                    "机械制造",
                    "均溪镇",
                    "张经理",
                    "0598-7222222",
                    "qiye@example.cn"))));
  }

  @Operation(summary = "企业名录 / The enterprises")
  @GetMapping("/api/directory/enterprises")
  public List<EnterpriseDirectory.Enterprise> list(Authentication authentication) {
    CurrentUser.of(authentication).requireDirectoryManager();
    return enterprises.all();
  }

  /** The recipients for 各有关企业: every active enterprise, or those of one industry and/or town. */
  @Operation(summary = "企业接收单位编号 / Enterprise recipient ids")
  @GetMapping("/api/directory/enterprises/ids")
  public List<String> ids(
      @RequestParam(required = false) String industry,
      @RequestParam(required = false) String town,
      Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    if (!user.managesDirectory() && !user.isIssuer()) {
      user.requireDirectoryManager();
    }
    return enterprises.ids(industry, town);
  }

  /**
   * What a notice to 各有关企业 can choose from (the draft form): the active enterprises' industries and
   * towns.
   */
  public record Choices(
      int count,
      List<String> industries,
      List<String> towns,
      List<EnterpriseRoster.Member> members) {}

  @Operation(summary = "发文可选的企业、行业和乡镇 / Enterprises a notice can address")
  @GetMapping("/api/directory/enterprises/choices")
  public Choices choices(Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    if (!user.managesDirectory() && !user.isIssuer()) {
      user.requireDirectoryManager();
    }
    List<EnterpriseRoster.Member> members = enterprises.activeEnterprises();
    return new Choices(
        members.size(),
        members.stream()
            .map(EnterpriseRoster.Member::industry)
            .filter(java.util.Objects::nonNull)
            .distinct()
            .sorted()
            .toList(),
        members.stream()
            .map(EnterpriseRoster.Member::town)
            .filter(java.util.Objects::nonNull)
            .distinct()
            .sorted()
            .toList(),
        members);
  }

  @Operation(summary = "停用企业 / Deactivate an enterprise")
  @DeleteMapping("/api/directory/enterprises/{id}")
  public Map<String, Object> deactivate(@PathVariable String id, Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    user.requireDirectoryManager();
    return Map.of("id", id, "deactivated", enterprises.deactivate(id, user.id()));
  }

  @ExceptionHandler(ImportRefusedException.class)
  ResponseEntity<ProblemDetail> refused(ImportRefusedException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("导入未完成");
    problem.setProperty("errors", e.errors());
    return ResponseEntity.badRequest().body(problem);
  }
}
