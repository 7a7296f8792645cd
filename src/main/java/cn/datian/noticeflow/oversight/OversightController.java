package cn.datian.noticeflow.oversight;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.identity.DisplayNames;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeNotFoundException;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The oversight board (server-rendered), its CSV and Excel exports, and the same data as JSON. */
@Tag(name = "督办 Oversight")
@Controller
public class OversightController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final OversightService oversight;
  private final NoticeRepository notices;
  private final DepartmentDirectory directory;
  private final NoticeflowProperties properties;
  private final DepartmentPage departmentPage;
  private final DisplayNames names;

  public OversightController(
      OversightService oversight,
      NoticeRepository notices,
      DepartmentDirectory directory,
      NoticeflowProperties properties,
      DepartmentPage departmentPage,
      DisplayNames names) {
    this.oversight = oversight;
    this.notices = notices;
    this.directory = directory;
    this.properties = properties;
    this.departmentPage = departmentPage;
    this.names = names;
  }

  static final int PAGE_SIZE = 100;

  @GetMapping("/oversight")
  public String board(
      @RequestParam(required = false) String notice,
      @RequestParam(required = false) String department,
      @RequestParam(required = false) String light,
      @RequestParam(defaultValue = "1") int page,
      Authentication authentication,
      Model model) {
    if (page < 1) {
      throw new IllegalArgumentException("page: 页码从 1 开始 (page starts at 1)");
    }
    OversightService.Filter filter = filter(notice, department, light);
    CurrentUser user = CurrentUser.of(authentication);
    OversightService.Page board = oversight.page(filter, user, page, PAGE_SIZE);
    List<Notice> all = notices.findAll();
    model.addAttribute("board", board);
    model.addAttribute("rows", board.rows());
    model.addAttribute("filter", filter);
    // a draft is the office's work in progress, not a notice anyone follows yet
    model.addAttribute(
        "notices",
        all.stream()
            .filter(n -> n.state() != NoticeState.CLOSED && n.state() != NoticeState.DRAFTING)
            .toList());
    model.addAttribute("departments", directory.all());
    // Reports cover every department: only those who follow all departments get the links.
    model.addAttribute(
        "documents",
        user.hasOversight()
            ? all.stream().filter(n -> n.state().compareTo(NoticeState.PUBLISHED) >= 0).toList()
            : List.of());
    model.addAttribute("lights", Light.values());
    model.addAttribute("enterprises", oversight.enterprises(filter.noticeId(), user));
    model.addAttribute("userName", names.of(authentication.getName()));
    model.addAttribute(
        "shown", (java.util.function.Function<java.time.OffsetDateTime, String>) properties::shown);
    return "oversight";
  }

  /** What the board's row opens: one department's work on one notice. */
  @GetMapping("/oversight/notices/{noticeId}/departments/{departmentId}")
  public String department(
      @PathVariable String noticeId,
      @PathVariable String departmentId,
      Authentication authentication,
      Model model) {
    model.addAttribute(
        "page", departmentPage.of(noticeId, departmentId, CurrentUser.of(authentication)));
    model.addAttribute("userName", names.of(authentication.getName()));
    model.addAttribute("activityKinds", cn.datian.noticeflow.response.ActivityKind.LABELS);
    model.addAttribute(
        "shown", (java.util.function.Function<java.time.OffsetDateTime, String>) properties::shown);
    return "oversight-department";
  }

  @GetMapping(path = "/oversight.csv")
  public ResponseEntity<byte[]> csv(
      @RequestParam(required = false) String notice,
      @RequestParam(required = false) String department,
      @RequestParam(required = false) String light,
      Authentication authentication) {
    // the people's columns only (as the Excel sheet): the department ids are the API's
    StringBuilder csv =
        new StringBuilder("\uFEFF")
            .append(String.join(",", OversightWorkbook.HEADER))
            .append("\r\n");
    for (OversightRow r :
        oversight.rows(filter(notice, department, light), CurrentUser.of(authentication))) {
      csv.append(cell(r.noticeTitle()))
          .append(',')
          .append(cell(r.departmentName()))
          .append(',')
          .append(cell(r.stageLabel()))
          .append(',')
          .append(cell(properties.shown(r.due())))
          .append(',')
          .append(r.settled() ? "" : r.workingDaysLeft())
          .append(',')
          .append(cell(r.lightLabel()))
          .append("\r\n");
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("督办看板.csv", StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(csv.toString().getBytes(StandardCharsets.UTF_8));
  }

  @GetMapping(path = "/oversight.xlsx")
  public ResponseEntity<byte[]> xlsx(
      @RequestParam(required = false) String notice,
      @RequestParam(required = false) String department,
      @RequestParam(required = false) String light,
      Authentication authentication) {
    List<OversightRow> rows =
        oversight.rows(filter(notice, department, light), CurrentUser.of(authentication));
    return ResponseEntity.ok()
        .contentType(XLSX)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("督办看板.xlsx", StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(OversightWorkbook.write(rows, properties.zone()));
  }

  @Operation(summary = "已逾期的部门 / Overdue departments")
  @GetMapping("/api/oversight/overdue")
  @ResponseBody
  public List<OversightRow> overdue(Authentication authentication) {
    return oversight.rows(
        new OversightService.Filter(null, null, Light.RED), CurrentUser.of(authentication));
  }

  @Operation(summary = "一份通知的督办情况 / The board's rows of one notice")
  @GetMapping("/api/oversight/notices/{noticeId}")
  @ResponseBody
  public List<OversightRow> notice(@PathVariable String noticeId, Authentication authentication) {
    notices.find(noticeId).orElseThrow(() -> new NoticeNotFoundException(noticeId));
    return oversight.rows(
        new OversightService.Filter(noticeId, null, null), CurrentUser.of(authentication));
  }

  private static OversightService.Filter filter(String notice, String department, String light) {
    try {
      return new OversightService.Filter(
          blankToNull(notice), blankToNull(department), Light.parse(light));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "light: 应为 green、yellow、red 或 grey (unknown light " + light + ")");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** A CSV cell, quoted; a leading formula character is neutralised for spreadsheet safety. */
  static String cell(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }
}
