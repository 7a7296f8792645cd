package cn.datian.noticeflow.directory;

import cn.datian.noticeflow.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The departments and units, kept by the office (office and administrators only). */
@Tag(name = "名录：部门 Directory: departments")
@RestController
public class DepartmentController {

  /** A department as the API shows it, with whether it is active. */
  public record DepartmentView(
      String id,
      String name,
      String kind,
      String participation,
      String email,
      List<String> activities,
      boolean active) {
    static DepartmentView of(DepartmentService.Row r) {
      Department d = r.department();
      return new DepartmentView(
          d.id(),
          d.name(),
          d.kind(),
          d.participation().code(),
          d.email(),
          d.activities(),
          r.active());
    }
  }

  private final DepartmentService departments;

  public DepartmentController(DepartmentService departments) {
    this.departments = departments;
  }

  @Operation(summary = "部门名录 / The departments")
  @GetMapping("/api/directory/departments")
  public List<DepartmentView> list(Authentication authentication) {
    CurrentUser.of(authentication).requireDirectoryManager();
    return departments.list().stream().map(DepartmentView::of).toList();
  }

  @Operation(summary = "新增部门 / Add a department")
  @PostMapping("/api/directory/departments")
  public DepartmentView add(
      @RequestBody DepartmentService.DepartmentInput input, Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    user.requireDirectoryManager();
    return DepartmentView.of(new DepartmentService.Row(departments.add(input, user.id()), true));
  }

  @Operation(summary = "修改部门 / Change a department")
  @PutMapping("/api/directory/departments/{id}")
  public DepartmentView change(
      @PathVariable String id,
      @RequestBody DepartmentService.DepartmentInput input,
      Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    user.requireDirectoryManager();
    departments.change(id, input, user.id());
    return departments.list().stream()
        .filter(r -> r.department().id().equals(id))
        .findFirst()
        .map(DepartmentView::of)
        .orElseThrow();
  }

  @Operation(summary = "停用部门 / Deactivate a department")
  @DeleteMapping("/api/directory/departments/{id}")
  public Map<String, Object> deactivate(@PathVariable String id, Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    user.requireDirectoryManager();
    return Map.of("id", id, "deactivated", departments.deactivate(id, user.id()));
  }
}
