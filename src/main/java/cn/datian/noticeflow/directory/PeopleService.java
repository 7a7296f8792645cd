package cn.datian.noticeflow.directory;

import cn.datian.noticeflow.common.AsSystem;
import cn.datian.noticeflow.common.ChangeLog;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.identity.Groups;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The departments' people, imported from the office's spreadsheet: each gets a Camunda user in
 * exactly the groups its department and role call for (department group, heads group for a 负责人,
 * {@code department-staff}), so nobody has to remember them in Camunda Admin.
 *
 * <p>Every row is checked before anything is written; one error refuses the whole file. A clean
 * file is applied in one transaction (Camunda's identity service joins the Spring transaction).
 * Re-importing the same file changes nothing. A new user gets an initial password, shown once in
 * the answer. Camunda 7 cannot force a password change at first login (no such user state, and the
 * webapps' login has no such step): the office hands the password over and asks the person to
 * change it under Tasklist's 个人资料 (/camunda/app/welcome/default/#!/profile).
 */
@Service
public class PeopleService {

  public static final String AREA = "people";
  public static final List<String> HEADERS = List.of("用户名", "姓名", "单位", "角色", "邮箱", "手机");
  static final String CLERK = "经办人";
  static final String HEAD = "负责人";

  private static final Pattern USER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
  private static final String PASSWORD_CHARS =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A person as the office's file gives it. */
  public record Person(
      String userId, String name, String departmentId, boolean head, String email, String mobile) {}

  /** What an import did; initial passwords of new (or re-activated) users, shown once. */
  public record ImportResult(
      int added,
      int changed,
      int deactivated,
      int unchanged,
      Map<String, String> initialPasswords) {}

  private final IdentityService identityService;
  private final DepartmentDirectory directory;
  private final JdbcTemplate jdbc;
  private final ChangeLog changes;

  public PeopleService(
      IdentityService identityService,
      DepartmentDirectory directory,
      JdbcTemplate jdbc,
      ChangeLog changes) {
    this.identityService = identityService;
    this.directory = directory;
    this.jdbc = jdbc;
    this.changes = changes;
  }

  /** Checks every row; throws with all errors by row and column, or returns the people. */
  public List<Person> check(Sheet sheet) {
    List<String> errors = new ArrayList<>();
    for (String h : HEADERS.subList(0, 5)) {
      if (!sheet.headers().contains(h)) {
        errors.add("第1行：缺少列「" + h + "」（表头应为：" + String.join("、", HEADERS) + "）");
      }
    }
    if (!errors.isEmpty()) {
      throw new ImportRefusedException(errors);
    }
    if (sheet.lines().isEmpty()) {
      throw new ImportRefusedException(List.of("文件中没有人员（表头之后没有数据行）"));
    }
    Map<String, Integer> seen = new HashMap<>();
    Set<String> managed = managedIds();
    List<Person> people = new ArrayList<>();
    for (Sheet.Line line : sheet.lines()) {
      String where = "第" + line.number() + "行";
      String id = line.get("用户名").toLowerCase();
      String name = line.get("姓名");
      String unit = line.get("单位");
      String role = line.get("角色");
      String email = line.get("邮箱");
      String mobile = line.get("手机").replace(" ", "").replace("-", "");
      if (id.isEmpty()) {
        errors.add(where + "「用户名」：不能为空");
      } else if (!USER_ID.matcher(id).matches()) {
        errors.add(where + "「用户名」：" + id + " 只能由小写字母、数字和连字符组成（2至64位，字母或数字开头）");
      } else if (seen.containsKey(id)) {
        errors.add(where + "「用户名」：" + id + " 与第" + seen.get(id) + "行重复");
      } else if (!managed.contains(id) && exists(id)) {
        errors.add(where + "「用户名」：" + id + " 已被系统账号占用，请换一个");
      }
      if (!id.isEmpty()) {
        seen.putIfAbsent(id, line.number());
      }
      if (name.isEmpty()) {
        errors.add(where + "「姓名」：不能为空");
      } else if (name.length() > 50) {
        errors.add(where + "「姓名」：过长（最多50字）");
      }
      Optional<Department> department = department(unit);
      if (unit.isEmpty()) {
        errors.add(where + "「单位」：不能为空");
      } else if (department.isEmpty()) {
        errors.add(where + "「单位」：名录中没有“" + unit + "”（填写单位名称或编号，如 县交通局 或 transport）");
      }
      if (!role.equals(CLERK) && !role.equals(HEAD)) {
        errors.add(
            where
                + "「角色」：应为“"
                + CLERK
                + "”或“"
                + HEAD
                + "”"
                + (role.isEmpty() ? "" : "，不是“" + role + "”"));
      }
      if (email.isEmpty()) {
        errors.add(where + "「邮箱」：不能为空（提醒和催办发到这里）");
      } else if (!EMAIL.matcher(email).matches() || email.length() > 200) {
        errors.add(where + "「邮箱」：" + email + " 格式不正确");
      }
      if (!mobile.isEmpty() && !MOBILE.matcher(mobile).matches()) {
        errors.add(where + "「手机」：" + line.get("手机") + " 不是11位手机号码");
      }
      if (department.isPresent()) {
        people.add(
            new Person(
                id,
                name,
                department.get().id(),
                role.equals(HEAD),
                email,
                mobile.isEmpty() ? null : mobile));
      }
    }
    if (!errors.isEmpty()) {
      throw new ImportRefusedException(errors);
    }
    return people;
  }

  /** By id, or by the name exactly as the directory spells it. */
  private Optional<Department> department(String unit) {
    if (unit.isEmpty()) {
      return Optional.empty();
    }
    return directory
        .find(unit)
        .or(() -> directory.all().stream().filter(d -> d.name().equals(unit)).findFirst())
        .or(() -> directory.enterprises().stream().filter(d -> d.name().equals(unit)).findFirst());
  }

  @Transactional
  public ImportResult importPeople(Sheet sheet, boolean deactivateMissing, String actor) {
    List<Person> people = check(sheet);
    return AsSystem.call(identityService, () -> apply(people, deactivateMissing, actor));
  }

  private ImportResult apply(List<Person> people, boolean deactivateMissing, String actor) {
    int added = 0;
    int changed = 0;
    int unchanged = 0;
    Map<String, String> passwords = new LinkedHashMap<>();
    List<String> log = new ArrayList<>();
    Map<String, Stored> stored = stored();
    for (Person p : people) {
      Stored before = stored.get(p.userId());
      User user = identityService.createUserQuery().userId(p.userId()).singleResult();
      boolean fresh = user == null;
      boolean reactivated = before != null && !before.active();
      if (fresh) {
        user = identityService.newUser(p.userId());
      }
      boolean userChanged =
          fresh || !p.name().equals(user.getLastName()) || !p.email().equals(user.getEmail());
      if (userChanged || reactivated) {
        user.setFirstName("");
        user.setLastName(p.name());
        user.setEmail(p.email());
        if (fresh || reactivated) {
          String password = newPassword();
          user.setPassword(password);
          passwords.put(p.userId(), password);
        }
        identityService.saveUser(user);
      }
      boolean groupsChanged = syncGroups(p.userId(), groupsOf(p));
      boolean rowChanged = before == null || !before.person().equals(p) || reactivated;
      if (rowChanged) {
        jdbc.update("delete from directory_person where user_id = ?", p.userId());
        jdbc.update(
            "insert into directory_person (user_id, full_name, department_id, head, email, mobile, active, updated_at, updated_by)"
                + " values (?, ?, ?, ?, ?, ?, true, ?, ?)",
            p.userId(),
            p.name(),
            p.departmentId(),
            p.head(),
            p.email(),
            p.mobile(),
            EngineTime.nowUtc(),
            actor);
      }
      if (fresh || before == null) {
        added++;
        log.add(
            "新增 "
                + p.userId()
                + "（"
                + p.name()
                + "，"
                + directory.require(p.departmentId()).name()
                + (p.head() ? HEAD : CLERK)
                + "）");
      } else if (rowChanged || userChanged || groupsChanged) {
        changed++;
        log.add((reactivated ? "恢复 " : "修改 ") + p.userId());
      } else {
        unchanged++;
      }
    }
    int deactivated = 0;
    if (deactivateMissing) {
      Set<String> inFile = new LinkedHashSet<>(people.stream().map(Person::userId).toList());
      for (Stored s : stored.values()) {
        if (s.active() && !inFile.contains(s.person().userId())) {
          deactivate(s.person().userId());
          deactivated++;
          log.add("停用 " + s.person().userId());
        }
      }
    }
    if (!log.isEmpty()) {
      changes.record(
          actor,
          AREA,
          "导入人员",
          "新增" + added + "人，修改" + changed + "人，停用" + deactivated + "人：" + String.join("；", log));
    }
    return new ImportResult(added, changed, deactivated, unchanged, passwords);
  }

  /**
   * Blocks the login (an unknown random password, no groups) and keeps the user, so every step they
   * signed still shows their name.
   */
  @Transactional
  public boolean deactivate(String userId, String actor) {
    Stored s = stored().get(userId);
    if (s == null) {
      throw new IllegalArgumentException("名录中没有人员 " + userId);
    }
    if (!s.active()) {
      return false;
    }
    AsSystem.run(identityService, () -> deactivate(userId));
    changes.record(actor, AREA, userId, "停用 " + userId + "（" + s.person().name() + "）");
    return true;
  }

  private void deactivate(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (user != null) {
      user.setPassword(newPassword() + newPassword()); // never told to anyone
      identityService.saveUser(user);
      syncGroups(userId, Set.of());
    }
    jdbc.update(
        "update directory_person set active = false, updated_at = ? where user_id = ?",
        EngineTime.nowUtc(),
        userId);
  }

  public boolean isDeactivated(String userId) {
    return Boolean.FALSE.equals(
        jdbc.query(
            "select active from directory_person where user_id = ?",
            rs -> rs.next() ? rs.getBoolean(1) : null,
            userId));
  }

  static Set<String> groupsOf(Person p) {
    Set<String> groups = new LinkedHashSet<>(List.of(p.departmentId(), Groups.DEPARTMENT_STAFF));
    if (p.head()) {
      groups.add(Department.headsGroupIdOf(p.departmentId()));
    }
    return groups;
  }

  /** Makes the user's department-related groups exactly these; other groups are left alone. */
  private boolean syncGroups(String userId, Set<String> wanted) {
    Set<String> current = new LinkedHashSet<>();
    for (Group g : identityService.createGroupQuery().groupMember(userId).list()) {
      current.add(g.getId());
    }
    boolean changed = false;
    for (String g : current) {
      if (!wanted.contains(g) && isDepartmentGroup(g)) {
        identityService.deleteMembership(userId, g);
        changed = true;
      }
    }
    for (String g : wanted) {
      if (!current.contains(g)) {
        identityService.createMembership(userId, g);
        changed = true;
      }
    }
    return changed;
  }

  private boolean isDepartmentGroup(String groupId) {
    return groupId.equals(Groups.DEPARTMENT_STAFF)
        || directory.contains(groupId)
        || (groupId.endsWith("-heads")
            && directory.contains(groupId.substring(0, groupId.length() - "-heads".length())));
  }

  private record Stored(Person person, boolean active) {}

  private Map<String, Stored> stored() {
    Map<String, Stored> all = new LinkedHashMap<>();
    jdbc.query(
        "select user_id, full_name, department_id, head, email, mobile, active from directory_person order by user_id",
        rs -> {
          all.put(
              rs.getString(1),
              new Stored(
                  new Person(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getBoolean(4),
                      rs.getString(5),
                      rs.getString(6)),
                  rs.getBoolean(7)));
        });
    return all;
  }

  private Set<String> managedIds() {
    return new java.util.HashSet<>(
        jdbc.queryForList("select user_id from directory_person", String.class));
  }

  private boolean exists(String userId) {
    return AsSystem.call(
        identityService, () -> identityService.createUserQuery().userId(userId).count() > 0);
  }

  static String newPassword() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      s.append(PASSWORD_CHARS.charAt(RANDOM.nextInt(PASSWORD_CHARS.length())));
    }
    return s.toString();
  }

  public record PersonView(
      String userId,
      String name,
      String departmentName,
      String role,
      String email,
      String mobile,
      boolean active) {}

  public List<PersonView> list() {
    return stored().values().stream()
        .map(
            s ->
                new PersonView(
                    s.person().userId(),
                    s.person().name(),
                    directory
                        .find(s.person().departmentId())
                        .map(Department::name)
                        .orElse(s.person().departmentId()),
                    s.person().head() ? HEAD : CLERK,
                    s.person().email(),
                    s.person().mobile(),
                    s.active()))
        .toList();
  }
}
