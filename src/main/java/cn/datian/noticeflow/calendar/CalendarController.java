package cn.datian.noticeflow.calendar;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.identity.DisplayNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The holiday calendar: {@code /api/calendar/{year}} (everyone signed in may read it, since
 * deadlines depend on it; only the office and administrators change it) and the office's page
 * {@code /directory/holidays}.
 */
@Tag(name = "节假日 Holidays")
@Controller
public class CalendarController {

  /** What the office enters for one year. */
  public record CalendarInput(List<LocalDate> holidays, List<LocalDate> workdays, String source) {}

  private final CalendarService calendar;
  private final CalendarCoverage coverage;
  private final DisplayNames names;
  private final NoticeflowProperties properties;

  public CalendarController(
      CalendarService calendar,
      CalendarCoverage coverage,
      DisplayNames names,
      NoticeflowProperties properties) {
    this.calendar = calendar;
    this.coverage = coverage;
    this.names = names;
    this.properties = properties;
  }

  @Operation(summary = "已录入的年份 / The years on record")
  @GetMapping("/api/calendar")
  @ResponseBody
  public List<CalendarYear> years() {
    return calendar.years();
  }

  @Operation(summary = "某年节假日安排 / One year's holidays and 调休")
  @GetMapping("/api/calendar/{year}")
  @ResponseBody
  public CalendarYear year(@PathVariable int year) {
    return calendar
        .find(year)
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "尚未录入" + year + "年节假日安排（该年期限只按周末计算）"));
  }

  @Operation(summary = "录入某年节假日 / Set one year's holidays")
  @PutMapping("/api/calendar/{year}")
  @ResponseBody
  public CalendarYear put(
      @PathVariable int year, @RequestBody CalendarInput input, Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    user.requireDirectoryManager();
    return calendar.replace(year, input.holidays(), input.workdays(), input.source(), user.id());
  }

  @GetMapping("/directory/holidays")
  public String page(Authentication authentication, Model model) {
    CurrentUser.of(authentication).requireDirectoryManager();
    model.addAttribute("years", calendar.years());
    model.addAttribute("changes", calendar.latestChanges());
    model.addAttribute("calendarNotice", coverage.notice().orElse(null));
    model.addAttribute("userName", names.of(authentication.getName()));
    model.addAttribute("names", (Function<String, String>) names::of);
    model.addAttribute("shown", (Function<OffsetDateTime, String>) properties::shown);
    return "directory-holidays";
  }
}
