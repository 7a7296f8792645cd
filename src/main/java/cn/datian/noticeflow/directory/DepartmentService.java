package cn.datian.noticeflow.directory;

import cn.datian.noticeflow.common.ChangeLog;
import cn.datian.noticeflow.common.EngineTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The departments and units, kept by the office: add, rename, edit section 四's activities,
 * deactivate (a deactivated department keeps its history and receives no new notices). The YAML
 * file seeds the table on the first start only (before the identity setup reads the directory); row
 * 2 of {@code directory_version} decides which node seeds.
 */
@Service
@Order(5)
public class DepartmentService implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DepartmentService.class);
  public static final String AREA = "departments";
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Set<String> RESERVED =
      Set.of(
          "office",
          "office-head",
          "leading-group",
          "supervisors",
          "camunda-admin",
          "department-staff",
          "operations");
  private static final Set<String> KINDS =
      Set.of("county-department", "financial-institution", "public-institution", "enterprise");

  /** A stored department and whether it is active. */
  public record Row(Department department, boolean active) {}

  /** What the office sends to add or change a department (null fields: unchanged on a change). */
  public record DepartmentInput(
      String id,
      String name,
      String kind,
      Participation participation,
      String email,
      List<String> activities) {}

  private final JdbcTemplate jdbc;
  private final DepartmentDirectory directory;
  private final RecipientGroups groups;
  private final ChangeLog changes;
  private final TransactionTemplate tx;

  public DepartmentService(
      JdbcTemplate jdbc,
      DepartmentDirectory directory,
      RecipientGroups groups,
      ChangeLog changes,
      PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.groups = groups;
    this.changes = changes;
    this.tx = new TransactionTemplate(transactionManager);
  }

  /** The table's rows in the notice's order; null while the file has not seeded it. */
  static List<Row> load(JdbcTemplate jdbc) {
    Long seeded =
        jdbc.queryForObject("select version from directory_version where id = 2", Long.class);
    if (seeded == null || seeded == 0) {
      return null;
    }
    return jdbc.query(
        "select id, name, kind, participation, email, activities, active from directory_department order by position, id",
        (rs, i) ->
            new Row(
                new Department(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    Participation.fromCode(rs.getString(4)),
                    rs.getString(5),
                    lines(rs.getString(6))),
                rs.getBoolean(7)));
  }

  private static List<String> lines(String text) {
    return text == null || text.isEmpty()
        ? List.of()
        : Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
  }

  /** First start: the file's departments become the office's. */
  @Override
  public void run(ApplicationArguments args) {
    tx.executeWithoutResult(
        status -> {
          if (jdbc.update("update directory_version set version = 1 where id = 2 and version = 0")
              == 1) {
            int position = 0;
            for (Department d : directory.fileDepartments()) {
              insert(d, position++, "system");
            }
            bump();
            log.info("Department directory seeded with {} departments from the file", position);
          }
        });
  }

  public List<Row> list() {
    List<Row> rows = load(jdbc);
    return rows != null
        ? rows
        : directory.fileDepartments().stream().map(d -> new Row(d, true)).toList();
  }

  @Transactional
  public Department add(DepartmentInput input, String actor) {
    requireSeeded();
    List<String> problems = new ArrayList<>();
    String id = input.id() == null ? "" : input.id().strip();
    if (!ID.matcher(id).matches()) {
      problems.add("编号只能由小写字母、数字和连字符组成（字母或数字开头，最多41位）");
    } else if (RESERVED.contains(id)
        || id.endsWith("-heads")
        || id.startsWith(EnterpriseDirectory.ID_PREFIX)) {
      problems.add("编号 " + id + " 为系统保留");
    } else if (directory.find(id).isPresent()
        || jdbc.queryForObject(
                "select count(*) from directory_department where id = ?", Integer.class, id)
            > 0) {
      problems.add("编号 " + id + " 已存在");
    }
    Department d =
        new Department(
            id,
            strip(input.name()),
            input.kind() == null ? "county-department" : input.kind(),
            input.participation() == null ? Participation.MANDATORY : input.participation(),
            strip(input.email()),
            input.activities());
    validate(d, problems);
    Integer position =
        jdbc.queryForObject(
            "select coalesce(max(position), -1) + 1 from directory_department", Integer.class);
    insert(d, position, actor);
    bump();
    changes.record(actor, AREA, d.name(), "新增部门 " + d.id() + "（" + d.name() + "）");
    return d;
  }

  @Transactional
  public Department change(String id, DepartmentInput input, String actor) {
    requireSeeded();
    Row row =
        list().stream()
            .filter(r -> r.department().id().equals(id))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("没有编号为 " + id + " 的部门"));
    Department before = row.department();
    Department after =
        new Department(
            id,
            input.name() == null ? before.name() : strip(input.name()),
            input.kind() == null ? before.kind() : input.kind(),
            input.participation() == null ? before.participation() : input.participation(),
            input.email() == null ? before.email() : strip(input.email()),
            input.activities() == null ? before.activities() : input.activities());
    List<String> problems = new ArrayList<>();
    validate(after, problems);
    jdbc.update(
        "update directory_department set name = ?, kind = ?, participation = ?, email = ?, activities = ?,"
            + " updated_at = ?, updated_by = ? where id = ?",
        after.name(),
        after.kind(),
        after.participation().code(),
        after.email(),
        String.join("\n", after.activities()),
        EngineTime.nowUtc(),
        actor,
        id);
    groups.ensure(after.id(), after.name());
    bump();
    List<String> what = new ArrayList<>();
    if (!after.name().equals(before.name())) {
      what.add("更名：" + before.name() + " → " + after.name());
    }
    if (!after.email().equals(before.email())) {
      what.add("邮箱：" + after.email());
    }
    if (!after.activities().equals(before.activities())) {
      what.add("主要活动改为" + after.activities().size() + "项");
    }
    if (!after.kind().equals(before.kind()) || after.participation() != before.participation()) {
      what.add("类别：" + after.kind() + "，" + (after.isVoluntary() ? "自愿参加" : "须参加"));
    }
    changes.record(
        actor,
        AREA,
        after.name(),
        "修改部门 " + id + (what.isEmpty() ? "（无变化）" : "：" + String.join("；", what)));
    return after;
  }

  @Transactional
  public boolean deactivate(String id, String actor) {
    requireSeeded();
    int n =
        jdbc.update(
            "update directory_department set active = false, updated_at = ?, updated_by = ? where id = ? and active = true",
            EngineTime.nowUtc(),
            actor,
            id);
    if (n == 0) {
      if (jdbc.queryForObject(
              "select count(*) from directory_department where id = ?", Integer.class, id)
          == 0) {
        throw new IllegalArgumentException("没有编号为 " + id + " 的部门");
      }
      return false;
    }
    bump();
    changes.record(actor, AREA, id, "停用部门 " + id + "（保留其办理记录，不再接收新通知）");
    return true;
  }

  private void validate(Department d, List<String> problems) {
    if (d.name() == null || d.name().isBlank()) {
      problems.add("名称不能为空");
    } else if (d.name().length() > 200) {
      problems.add("名称过长（最多200字）");
    }
    if (!KINDS.contains(d.kind())) {
      problems.add("类别应为 " + String.join("、", KINDS.stream().sorted().toList()) + " 之一");
    }
    if (d.email() == null || !EMAIL.matcher(d.email()).matches()) {
      problems.add("邮箱格式不正确");
    }
    if (d.activities().stream()
        .anyMatch(a -> a == null || a.isBlank() || a.contains("\n") || a.length() > 1000)) {
      problems.add("每项主要活动应为一行文字（最多1000字）");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("；", problems));
    }
  }

  private void insert(Department d, int position, String actor) {
    jdbc.update(
        "insert into directory_department (id, name, kind, participation, email, activities, position, active,"
            + " updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, true, ?, ?)",
        d.id(),
        d.name(),
        d.kind(),
        d.participation().code(),
        d.email(),
        String.join("\n", d.activities()),
        position,
        EngineTime.nowUtc(),
        actor);
    groups.ensure(d.id(), d.name());
  }

  private void requireSeeded() {
    if (load(jdbc) == null) {
      run(null);
    }
  }

  private void bump() {
    jdbc.update("update directory_version set version = version + 1 where id = 1");
    EnterpriseDirectory.forgetRequestCopyOfSnapshot();
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }
}
