package cn.datian.noticeflow.directory;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.ChangeLog;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.identity.DisplayNames;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The office's directory page: people, enterprises, their imports, and who changed what. */
@Controller
public class DirectoryPageController {

  static final Map<String, String> AREAS =
      Map.of(
          PeopleService.AREA,
          "人员",
          EnterpriseDirectory.AREA,
          "企业",
          "calendar",
          "节假日",
          "departments",
          "部门");

  /** The kinds of recipient a department may be, as the page names them. */
  static final Map<String, String> KINDS =
      new java.util.LinkedHashMap<>(
          Map.of(
              "county-department",
              "县直部门",
              "financial-institution",
              "金融机构",
              "public-institution",
              "事业单位",
              "enterprise",
              "企业"));

  private final PeopleService people;
  private final EnterpriseDirectory enterprises;
  private final DepartmentService departments;
  private final ChangeLog changes;
  private final DisplayNames names;
  private final NoticeflowProperties properties;

  public DirectoryPageController(
      PeopleService people,
      EnterpriseDirectory enterprises,
      DepartmentService departments,
      ChangeLog changes,
      DisplayNames names,
      NoticeflowProperties properties) {
    this.departments = departments;
    this.people = people;
    this.enterprises = enterprises;
    this.changes = changes;
    this.names = names;
    this.properties = properties;
  }

  @GetMapping({"/directory", "/directory/"})
  public String page(Authentication authentication, Model model) {
    CurrentUser.of(authentication).requireDirectoryManager();
    model.addAttribute("people", people.list());
    model.addAttribute("enterprises", enterprises.all());
    model.addAttribute("changes", changes.latest(100));
    model.addAttribute("areas", AREAS);
    model.addAttribute("userName", names.of(authentication.getName()));
    model.addAttribute("names", (Function<String, String>) names::of);
    model.addAttribute("shown", (Function<OffsetDateTime, String>) properties::shown);
    model.addAttribute("managesDirectory", true);
    return "directory";
  }

  /**
   * The departments and units: add, rename, deactivate, edit the activities section 四 assigns them.
   */
  @GetMapping({"/directory/departments", "/directory/departments/"})
  public String departments(Authentication authentication, Model model) {
    CurrentUser.of(authentication).requireDirectoryManager();
    model.addAttribute("departments", departments.list());
    model.addAttribute("kinds", KINDS);
    model.addAttribute("changes", changes.latest(DepartmentService.AREA, 100));
    model.addAttribute("userName", names.of(authentication.getName()));
    model.addAttribute("names", (Function<String, String>) names::of);
    model.addAttribute("shown", (Function<OffsetDateTime, String>) properties::shown);
    return "directory-departments";
  }
}
