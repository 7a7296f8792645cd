package cn.datian.noticeflow.notice;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.calendar.WorkingCalendar;
import cn.datian.noticeflow.common.DateWindow;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.directory.EnterpriseRoster;
import cn.datian.noticeflow.notice.InvalidNoticeException.FieldProblem;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Checks a notice before anything is recorded or started. One set of rules for the API and for
 * Tasklist's start form, so both refuse the same things with the same messages.
 */
@Component
public class NoticeValidator {

  static final int TITLE_MAX = 300;
  static final int NUMBER_MAX = 100;
  static final int ISSUER_MAX = 200;

  /**
   * The body lives in the notice's text column, not in a process variable: official notices run
   * long (the seed alone is 4,071 characters), so the limit only keeps out the absurd.
   */
  public static final int BODY_MAX = 200_000;

  /** "The end of that day" for a date-only deadline. */
  static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

  private final DepartmentDirectory directory;
  private final NoticeflowProperties properties;
  private final WorkingCalendar calendar;
  private final DateWindow window;
  private final ObjectProvider<EnterpriseRoster> enterpriseRoster;

  public NoticeValidator(
      DepartmentDirectory directory,
      NoticeflowProperties properties,
      WorkingCalendar calendar,
      DateWindow window,
      ObjectProvider<EnterpriseRoster> enterpriseRoster) {
    this.enterpriseRoster = enterpriseRoster;
    this.directory = directory;
    this.properties = properties;
    this.calendar = calendar;
    this.window = window;
  }

  public NoticeDraft validate(NoticeInput input) {
    List<FieldProblem> problems = new ArrayList<>();
    ZoneId zone = properties.zone();
    OffsetDateTime now = EngineTime.now().atZone(zone).toOffsetDateTime();

    String title = text(input.title(), "title", "标题", TITLE_MAX, true, problems);
    String number = text(input.number(), "number", "文号", NUMBER_MAX, false, problems);
    String issuer = text(input.issuer(), "issuer", "发文单位", ISSUER_MAX, true, problems);
    String body = text(input.body(), "body", "正文", BODY_MAX, true, problems);

    LocalDate issuedOn = now.toLocalDate();
    if (!isBlank(input.issuedOn())) {
      issuedOn = date(input.issuedOn(), "issuedOn", "发文日期", zone, problems);
      if (issuedOn != null && issuedOn.isAfter(window.latest(zone).toLocalDate())) {
        problems.add(new FieldProblem("issuedOn", window.tooLate("发文日期", "issuedOn", zone)));
        issuedOn = null;
      }
    }

    OffsetDateTime deadline = null;
    if (isBlank(input.deadline())) {
      problems.add(new FieldProblem("deadline", "请填写截止时间 (deadline is required)"));
    } else {
      deadline = instant(input.deadline(), "deadline", "截止时间", zone, problems);
      if (deadline != null && !deadline.isAfter(now)) {
        problems.add(
            new FieldProblem("deadline", "截止时间已过 (deadline " + deadline + " is in the past)"));
      } else if (deadline != null && window.isBeyond(deadline, zone)) {
        problems.add(new FieldProblem("deadline", window.tooLate("截止时间", "deadline", zone)));
        deadline = null;
      }
    }

    OffsetDateTime acknowledgeBy = null;
    if (!isBlank(input.acknowledgeBy())) {
      acknowledgeBy = instant(input.acknowledgeBy(), "acknowledgeBy", "签收期限", zone, problems);
      if (acknowledgeBy != null && !acknowledgeBy.isAfter(now)) {
        problems.add(
            new FieldProblem(
                "acknowledgeBy", "签收期限已过 (acknowledgeBy " + acknowledgeBy + " is in the past)"));
      } else if (acknowledgeBy != null && window.isBeyond(acknowledgeBy, zone)) {
        problems.add(
            new FieldProblem("acknowledgeBy", window.tooLate("签收期限", "acknowledgeBy", zone)));
      } else if (acknowledgeBy != null && deadline != null && acknowledgeBy.isAfter(deadline)) {
        problems.add(
            new FieldProblem(
                "acknowledgeBy", "签收期限不能晚于截止时间 (acknowledgeBy is after the deadline)"));
      }
    } else if (deadline != null) {
      acknowledgeBy = defaultAcknowledgeBy(now, deadline, zone);
    }

    List<String> recipients = recipients(input.recipients(), input.enterprises(), problems);
    List<Duration> reminderOffsets = reminderOffsets(input.reminderOffsets(), problems);

    if (!problems.isEmpty()) {
      throw new InvalidNoticeException(problems);
    }
    return new NoticeDraft(
        title,
        number,
        issuer,
        issuedOn,
        body,
        deadline,
        acknowledgeBy,
        recipients,
        reminderOffsets);
  }

  /**
   * The end of the day {@code acknowledgeWithin} working days from now (holidays and 调休 counted),
   * never after the deadline.
   */
  private OffsetDateTime defaultAcknowledgeBy(
      OffsetDateTime now, OffsetDateTime deadline, ZoneId zone) {
    LocalDate day =
        calendar.addWorkingDays(now.toLocalDate(), (int) properties.acknowledgeWithin().toDays());
    OffsetDateTime candidate = day.atTime(END_OF_DAY).atZone(zone).toOffsetDateTime();
    return candidate.isAfter(deadline) ? deadline : candidate;
  }

  private List<String> recipients(Object raw, Object enterprisesRaw, List<FieldProblem> problems) {
    List<String> enterprises = enterprises(enterprisesRaw, problems);
    boolean noneGiven = raw == null || (raw instanceof String s && s.isBlank());
    if (noneGiven && enterprises == null) {
      return directory.allIds();
    }
    if (noneGiven || (raw instanceof Collection<?> c && c.isEmpty() && enterprises != null)) {
      // a notice to the enterprises alone
      return enterprises.isEmpty() ? List.of() : enterprises;
    }
    Collection<?> given;
    if (raw instanceof Collection<?> c) {
      given = c;
    } else if (raw instanceof String s) {
      given = Arrays.asList(s.split("[,，\\s]+"));
    } else {
      problems.add(new FieldProblem("recipients", "应为部门编号列表 (a list of department ids)"));
      return List.of();
    }
    // ids or names as the directory spells them (县交通局); stored as ids
    Set<String> ids = new LinkedHashSet<>();
    Set<String> unknown = new LinkedHashSet<>();
    for (Object id : given) {
      if (id != null && !id.toString().isBlank()) {
        String key = id.toString().strip();
        directory.findByIdOrName(key).ifPresentOrElse(d -> ids.add(d.id()), () -> unknown.add(key));
      }
    }
    if (ids.isEmpty() && unknown.isEmpty() && (enterprises == null || enterprises.isEmpty())) {
      problems.add(new FieldProblem("recipients", "至少选择一个接收单位 (no recipient given)"));
      return List.of();
    }
    if (!unknown.isEmpty()) {
      problems.add(
          new FieldProblem(
              "recipients",
              "未知的接收单位："
                  + String.join("、", unknown)
                  + " (unknown department ids: "
                  + unknown
                  + ")"));
    }
    if (enterprises != null) {
      ids.addAll(enterprises);
    }
    return List.copyOf(ids);
  }

  /**
   * 各有关企业 in one step: every active enterprise, or those of the given industries and/or towns (an
   * enterprise matches when its industry is one of the industries, if any are given, and its town
   * one of the towns, if any). Null when the notice names no enterprises this way; an industry or
   * town no active enterprise has is refused by name.
   */
  List<String> enterprises(Object raw, List<FieldProblem> problems) {
    if (raw == null
        || Boolean.FALSE.equals(raw)
        || (raw instanceof String s && (s.isBlank() || s.strip().equals("false")))) {
      return null;
    }
    Set<String> industries = new LinkedHashSet<>();
    Set<String> towns = new LinkedHashSet<>();
    if (raw instanceof String s && !s.strip().startsWith("{")) {
      if (!Set.of("all", "true", "各有关企业", "全部").contains(s.strip())) {
        problems.add(
            new FieldProblem(
                "enterprises",
                "企业范围应为 {\"all\": true} 或按行业、乡镇选择，如 {\"industries\": [\"茶叶\"], \"towns\": [\"均溪镇\"]}"
                    + " (enterprises: all, or industries and/or towns)"));
        return List.of();
      }
    } else if (!Boolean.TRUE.equals(raw)) {
      Map<?, ?> selection = selection(raw);
      if (selection == null) {
        problems.add(
            new FieldProblem(
                "enterprises",
                "企业范围应为 {\"all\": true} 或按行业、乡镇选择，如 {\"industries\": [\"茶叶\"], \"towns\": [\"均溪镇\"]}"
                    + " (enterprises must be an object)"));
        return List.of();
      }
      Set<String> unknownKeys = new LinkedHashSet<>();
      for (Object key : selection.keySet()) {
        if (!Set.of("all", "industries", "towns").contains(String.valueOf(key))) {
          unknownKeys.add(String.valueOf(key));
        }
      }
      if (!unknownKeys.isEmpty()) {
        problems.add(
            new FieldProblem(
                "enterprises",
                "企业范围只能按 all、industries（行业）、towns（乡镇）选择，不认识："
                    + String.join("、", unknownKeys)
                    + " (unknown keys: "
                    + unknownKeys
                    + ")"));
        return List.of();
      }
      Object all = selection.get("all");
      if (all != null
          && !(all instanceof Boolean)
          && !Set.of("true", "false").contains(String.valueOf(all))) {
        problems.add(
            new FieldProblem(
                "enterprises", "all 应为 true 或 false (enterprises.all must be a boolean)"));
        return List.of();
      }
      names(selection.get("industries"), industries);
      names(selection.get("towns"), towns);
      boolean everyOne = all != null && Boolean.parseBoolean(String.valueOf(all));
      if (!everyOne && industries.isEmpty() && towns.isEmpty()) {
        return null; // nothing chosen: no enterprises this way (a draft may be saved so)
      }
    }
    EnterpriseRoster roster = enterpriseRoster == null ? null : enterpriseRoster.getIfAvailable();
    List<EnterpriseRoster.Member> active = roster == null ? List.of() : roster.activeEnterprises();
    Set<String> knownIndustries = new LinkedHashSet<>();
    Set<String> knownTowns = new LinkedHashSet<>();
    active.forEach(
        m -> {
          if (m.industry() != null) knownIndustries.add(m.industry());
          if (m.town() != null) knownTowns.add(m.town());
        });
    List<String> unknownIndustries =
        industries.stream().filter(i -> !knownIndustries.contains(i)).toList();
    List<String> unknownTowns = towns.stream().filter(t -> !knownTowns.contains(t)).toList();
    if (!unknownIndustries.isEmpty()) {
      problems.add(
          new FieldProblem(
              "enterprises",
              "没有在册企业属于行业："
                  + String.join("、", unknownIndustries)
                  + " (unknown industries: "
                  + unknownIndustries
                  + ")"));
    }
    if (!unknownTowns.isEmpty()) {
      problems.add(
          new FieldProblem(
              "enterprises",
              "没有在册企业位于乡镇："
                  + String.join("、", unknownTowns)
                  + " (unknown towns: "
                  + unknownTowns
                  + ")"));
    }
    if (!unknownIndustries.isEmpty() || !unknownTowns.isEmpty()) {
      return List.of();
    }
    List<String> chosen =
        active.stream()
            .filter(m -> industries.isEmpty() || industries.contains(m.industry()))
            .filter(m -> towns.isEmpty() || towns.contains(m.town()))
            .map(EnterpriseRoster.Member::id)
            .toList();
    if (chosen.isEmpty()) {
      problems.add(
          new FieldProblem(
              "enterprises",
              active.isEmpty()
                  ? "企业名录中还没有在册企业 (no active enterprise in the directory)"
                  : "没有同时符合所选行业和乡镇的在册企业 (no active enterprise matches)"));
    }
    return chosen;
  }

  /**
   * The selection as an object: a map (the API's JSON), or its JSON text (a form's string
   * variable).
   */
  private static Map<?, ?> selection(Object raw) {
    if (raw instanceof Map<?, ?> m) {
      return m;
    }
    String text = raw.toString().strip();
    if (!text.startsWith("{")) {
      return null;
    }
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, Map.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  /** Names as a list or one comma-separated string, stripped, blanks dropped. */
  private static void names(Object raw, Set<String> into) {
    if (raw == null) {
      return;
    }
    Collection<?> given =
        raw instanceof Collection<?> c ? c : Arrays.asList(raw.toString().split("[,，、]+"));
    for (Object name : given) {
      if (name != null && !name.toString().isBlank()) {
        into.add(name.toString().strip());
      }
    }
  }

  /** Positive ISO-8601 durations (P3D, PT30M); none given means the configured ones. */
  /** Longer than any deadline can be away: 800 days (the horizon's two years, and some). */
  static final Duration REMINDER_OFFSET_MAX = Duration.ofDays(800);

  static List<Duration> reminderOffsets(Object raw, List<FieldProblem> problems) {
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      return List.of();
    }
    Collection<?> given =
        raw instanceof Collection<?> c ? c : Arrays.asList(raw.toString().split("[,，\\s]+"));
    List<Duration> offsets = new ArrayList<>();
    for (Object item : given) {
      try {
        Duration d = Duration.parse(String.valueOf(item).strip());
        if (d.isNegative() || d.isZero() || d.compareTo(REMINDER_OFFSET_MAX) > 0) {
          throw new DateTimeParseException("not positive", String.valueOf(item), 0);
        }
        offsets.add(d);
      } catch (DateTimeParseException e) {
        problems.add(
            new FieldProblem(
                "reminderOffsets",
                "提醒提前量应为不超过800天的正的 ISO-8601 时长，如 P3D、PT30M (not a positive duration up to P800D: "
                    + item
                    + ")"));
        return List.of();
      }
    }
    return List.copyOf(offsets);
  }

  private static String text(
      Object raw, String field, String label, int max, boolean required, List<FieldProblem> out) {
    if (raw != null && !(raw instanceof String)) {
      out.add(new FieldProblem(field, label + "应为文字 (" + field + " must be a string)"));
      return null;
    }
    String value = raw == null ? null : ((String) raw).strip();
    if (value == null || value.isEmpty()) {
      if (required) {
        out.add(new FieldProblem(field, "请填写" + label + " (" + field + " is required)"));
      }
      return null;
    }
    if (value.length() > max) {
      out.add(
          new FieldProblem(
              field, label + "不能超过" + max + "字 (" + field + " is longer than " + max + ")"));
      return null;
    }
    return value;
  }

  private static LocalDate date(
      Object raw, String field, String label, ZoneId zone, List<FieldProblem> out) {
    try {
      if (raw instanceof Date d) {
        return d.toInstant().atZone(zone).toLocalDate();
      }
      if (raw instanceof LocalDate d) {
        return d;
      }
      return LocalDate.parse(raw.toString().strip());
    } catch (DateTimeException e) {
      out.add(new FieldProblem(field, label + "格式应为 yyyy-MM-dd (" + field + " is not a date)"));
      return null;
    }
  }

  /**
   * A point in time: a date alone means the end of that day in the configured zone; a date-time
   * without offset is read in that zone too.
   */
  static OffsetDateTime instant(
      Object raw, String field, String label, ZoneId zone, List<FieldProblem> out) {
    if (raw instanceof Date d) {
      return d.toInstant().atZone(zone).toOffsetDateTime();
    }
    if (raw instanceof OffsetDateTime t) {
      return t;
    }
    String text = raw.toString().strip();
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atTime(END_OF_DAY).atZone(zone).toOffsetDateTime();
      }
      try {
        return OffsetDateTime.parse(text);
      } catch (DateTimeParseException e) {
        return ZonedDateTime.of(LocalDateTime.parse(text), zone).toOffsetDateTime();
      }
    } catch (DateTimeException | ArithmeticException e) {
      out.add(
          new FieldProblem(
              field,
              label
                  + "格式应为 yyyy-MM-dd 或 ISO-8601 时间 ("
                  + field
                  + " is neither a date nor a date-time: "
                  + text
                  + ")"));
      return null;
    }
  }

  private static boolean isBlank(Object raw) {
    return raw == null || raw.toString().isBlank();
  }
}
