package cn.datian.noticeflow.directory;

import cn.datian.noticeflow.common.ChangeLog;
import cn.datian.noticeflow.common.EngineTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Individual enterprises (section 五: the campaign's main force; each free to take part or not).
 * Each active enterprise is a recipient of its own: {@link DepartmentDirectory} finds it next to
 * the departments (kind enterprise, voluntary), and it has a Camunda group of its id (and a heads
 * group), so its people work in Tasklist as a department's do. A notice addressed to enterprises
 * lists their ids: every active one, or those of an industry or town ({@link #ids}).
 *
 * <p>Rows live in {@code directory_enterprise}; {@code directory_version} moves with every change,
 * and every node re-reads the rows only when it moved (once per request at most).
 */
@Service
public class EnterpriseDirectory implements DepartmentDirectory.Source, EnterpriseRoster {

  public static final String AREA = "enterprises";
  public static final List<String> HEADERS =
      List.of("企业名称", "统一社会信用代码", "行业", "乡镇", "联系人", "联系电话", "邮箱");
  static final String ID_PREFIX = "ent-";
  private static final String REQUEST_KEY = EnterpriseDirectory.class.getName() + ".snapshot";
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}");

  /** One enterprise as the directory keeps it. */
  public record Enterprise(
      String id,
      String name,
      String creditCode,
      String industry,
      String town,
      String contactName,
      String phone,
      String email,
      boolean example,
      boolean active) {

    Department asRecipient() {
      return new Department(id, name, "enterprise", Participation.VOLUNTARY, email, List.of());
    }
  }

  /** What an import did. */
  public record ImportResult(int added, int changed, int deactivated, int unchanged) {}

  /** departments: null until the file has seeded the table (then the file's are used). */
  private record Snapshot(
      long version, List<Enterprise> all, List<DepartmentService.Row> departments) {}

  private final JdbcTemplate jdbc;
  private final RecipientGroups groups;
  private final ChangeLog changes;
  private volatile Snapshot cached;

  public EnterpriseDirectory(JdbcTemplate jdbc, RecipientGroups groups, ChangeLog changes) {
    this.jdbc = jdbc;
    this.groups = groups;
    this.changes = changes;
  }

  public static String idOf(String creditCode) {
    return ID_PREFIX + creditCode.toLowerCase(Locale.ROOT);
  }

  @Override
  public Object snapshot() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null
        && request.getAttribute(REQUEST_KEY, RequestAttributes.SCOPE_REQUEST)
            instanceof Snapshot s) {
      return s;
    }
    long version =
        jdbc.queryForObject("select version from directory_version where id = 1", Long.class);
    Snapshot s = cached;
    if (s == null || s.version() != version) {
      s = new Snapshot(version, load(false), DepartmentService.load(jdbc));
      cached = s;
    }
    if (request != null) {
      request.setAttribute(REQUEST_KEY, s, RequestAttributes.SCOPE_REQUEST);
    }
    return s;
  }

  @Override
  public List<Department> recipients(Object snapshot) {
    return ((Snapshot) snapshot)
        .all().stream().filter(Enterprise::active).map(Enterprise::asRecipient).toList();
  }

  /**
   * Deactivated enterprises stay findable: their open responses and the board's history need them.
   */
  @Override
  public List<Department> former(Object snapshot) {
    return ((Snapshot) snapshot)
        .all().stream().filter(e -> !e.active()).map(Enterprise::asRecipient).toList();
  }

  @Override
  public List<Department> departments(Object snapshot) {
    List<DepartmentService.Row> rows = ((Snapshot) snapshot).departments();
    return rows == null
        ? null
        : rows.stream()
            .filter(DepartmentService.Row::active)
            .map(DepartmentService.Row::department)
            .toList();
  }

  @Override
  public List<Department> formerDepartments(Object snapshot) {
    List<DepartmentService.Row> rows = ((Snapshot) snapshot).departments();
    return rows == null
        ? List.of()
        : rows.stream().filter(r -> !r.active()).map(DepartmentService.Row::department).toList();
  }

  /** Drops this request's copy after a change, so the rest of the request reads the new rows. */
  static void forgetRequestCopyOfSnapshot() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.removeAttribute(REQUEST_KEY, RequestAttributes.SCOPE_REQUEST);
    }
  }

  public List<Enterprise> all() {
    return load(false);
  }

  /** Active enterprises' ids, of one industry and/or town if given (a notice's chosen subset). */
  public List<String> ids(String industry, String town) {
    return load(true).stream()
        .filter(
            e -> industry == null || industry.isBlank() || industry.strip().equals(e.industry()))
        .filter(e -> town == null || town.isBlank() || town.strip().equals(e.town()))
        .map(Enterprise::id)
        .toList();
  }

  @Override
  public List<EnterpriseRoster.Member> activeEnterprises() {
    return load(true).stream()
        .map(e -> new EnterpriseRoster.Member(e.id(), e.name(), e.industry(), e.town()))
        .toList();
  }

  private List<Enterprise> load(boolean activeOnly) {
    return jdbc.query(
        "select id, name, credit_code, industry, town, contact_name, phone, email, example, active"
            + " from directory_enterprise"
            + (activeOnly ? " where active = true" : "")
            + " order by name, id",
        (rs, i) ->
            new Enterprise(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getBoolean(9),
                rs.getBoolean(10)));
  }

  /** Checks every row; throws with all errors by row and column, or returns the enterprises. */
  public List<Enterprise> check(Sheet sheet) {
    List<String> errors = new ArrayList<>();
    for (String h : List.of("企业名称", "统一社会信用代码", "邮箱")) {
      if (!sheet.headers().contains(h)) {
        errors.add("第1行：缺少列「" + h + "」（表头应为：" + String.join("、", HEADERS) + "）");
      }
    }
    if (!errors.isEmpty()) {
      throw new ImportRefusedException(errors);
    }
    if (sheet.lines().isEmpty()) {
      throw new ImportRefusedException(List.of("文件中没有企业（表头之后没有数据行）"));
    }
    Map<String, Integer> seen = new HashMap<>();
    List<Enterprise> result = new ArrayList<>();
    for (Sheet.Line line : sheet.lines()) {
      String where = "第" + line.number() + "行";
      String name = line.get("企业名称");
      String code = line.get("统一社会信用代码").toUpperCase(Locale.ROOT);
      String phone = line.get("联系电话").replace(" ", "");
      String email = line.get("邮箱");
      if (name.isEmpty()) {
        errors.add(where + "「企业名称」：不能为空");
      } else if (name.length() > 200) {
        errors.add(where + "「企业名称」：过长（最多200字）");
      }
      if (code.isEmpty()) {
        errors.add(where + "「统一社会信用代码」：不能为空");
      } else if (!CreditCode.isValid(code)) {
        errors.add(where + "「统一社会信用代码」：" + code + " 无效（应为18位，末位校验码须符合GB 32100-2015）");
      } else if (seen.containsKey(code)) {
        errors.add(where + "「统一社会信用代码」：" + code + " 与第" + seen.get(code) + "行重复");
      } else {
        seen.put(code, line.number());
      }
      if (!phone.isEmpty() && !PHONE.matcher(phone).matches()) {
        errors.add(where + "「联系电话」：" + line.get("联系电话") + " 不是手机号码或固定电话（如 0598-7222222）");
      }
      if (email.isEmpty()) {
        errors.add(where + "「邮箱」：不能为空（报名参加后的提醒发到这里）");
      } else if (!EMAIL.matcher(email).matches() || email.length() > 200) {
        errors.add(where + "「邮箱」：" + email + " 格式不正确");
      }
      result.add(
          new Enterprise(
              CreditCode.isValid(code) ? idOf(code) : null,
              name,
              code,
              blankToNull(line.get("行业")),
              blankToNull(line.get("乡镇")),
              blankToNull(line.get("联系人")),
              blankToNull(phone),
              email,
              false,
              true));
    }
    if (!errors.isEmpty()) {
      throw new ImportRefusedException(errors);
    }
    return result;
  }

  @Transactional
  public ImportResult importEnterprises(Sheet sheet, boolean deactivateMissing, String actor) {
    return apply(check(sheet), deactivateMissing, actor, "导入企业");
  }

  /** Adds or updates the given enterprises (by credit code), in the caller's transaction. */
  @Transactional
  public ImportResult apply(
      List<Enterprise> enterprises, boolean deactivateMissing, String actor, String subject) {
    Map<String, Enterprise> stored = new LinkedHashMap<>();
    load(false).forEach(e -> stored.put(e.id(), e));
    int added = 0;
    int changed = 0;
    int unchanged = 0;
    List<String> log = new ArrayList<>();
    for (Enterprise e : enterprises) {
      Enterprise before = stored.get(e.id());
      if (before == null) {
        jdbc.update(
            "insert into directory_enterprise (id, name, credit_code, industry, town, contact_name, phone, email, example,"
                + " active, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?)",
            e.id(),
            e.name(),
            e.creditCode(),
            e.industry(),
            e.town(),
            e.contactName(),
            e.phone(),
            e.email(),
            e.example(),
            EngineTime.nowUtc(),
            actor);
        added++;
        log.add("新增 " + e.name());
      } else if (!sameContent(before, e)) {
        jdbc.update(
            "update directory_enterprise set name = ?, industry = ?, town = ?, contact_name = ?, phone = ?, email = ?,"
                + " active = true, updated_at = ?, updated_by = ? where id = ?",
            e.name(),
            e.industry(),
            e.town(),
            e.contactName(),
            e.phone(),
            e.email(),
            EngineTime.nowUtc(),
            actor,
            e.id());
        changed++;
        log.add((before.active() ? "修改 " : "恢复 ") + e.name());
      } else {
        unchanged++;
      }
      groups.ensure(e.id(), e.name());
    }
    int deactivated = 0;
    if (deactivateMissing) {
      Set<String> inFile = new LinkedHashSet<>(enterprises.stream().map(Enterprise::id).toList());
      for (Enterprise s : stored.values()) {
        if (s.active() && !inFile.contains(s.id())) {
          jdbc.update(
              "update directory_enterprise set active = false, updated_at = ?, updated_by = ? where id = ?",
              EngineTime.nowUtc(),
              actor,
              s.id());
          deactivated++;
          log.add("停用 " + s.name());
        }
      }
    }
    if (!log.isEmpty()) {
      jdbc.update("update directory_version set version = version + 1 where id = 1");
      forgetRequestCopy();
      changes.record(
          actor,
          AREA,
          subject,
          "新增" + added + "家，修改" + changed + "家，停用" + deactivated + "家：" + String.join("；", log));
    }
    return new ImportResult(added, changed, deactivated, unchanged);
  }

  /** A deactivated enterprise keeps its history and gets no new notices (no longer a recipient). */
  @Transactional
  public boolean deactivate(String id, String actor) {
    int n =
        jdbc.update(
            "update directory_enterprise set active = false, updated_at = ?, updated_by = ? where id = ? and active = true",
            EngineTime.nowUtc(),
            actor,
            id);
    if (n > 0) {
      jdbc.update("update directory_version set version = version + 1 where id = 1");
      forgetRequestCopy();
      changes.record(actor, AREA, id, "停用企业 " + id);
    }
    return n > 0;
  }

  private static boolean sameContent(Enterprise a, Enterprise b) {
    return a.active()
        && a.name().equals(b.name())
        && a.email().equals(b.email())
        && Objects.equals(a.industry(), b.industry())
        && Objects.equals(a.town(), b.town())
        && Objects.equals(a.contactName(), b.contactName())
        && Objects.equals(a.phone(), b.phone());
  }

  private void forgetRequestCopy() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.removeAttribute(REQUEST_KEY, RequestAttributes.SCOPE_REQUEST);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
