package cn.datian.noticeflow.identity;

import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The demo users of the default profile, one per role, all with the password {@value
 * #PASSWORD}. Following Camunda's convention, {@code demo} is the administrator.
 */
@Component
public class DemoUsers {

  public static final String PASSWORD = "demo";
  public static final String ADMIN = "demo";
  public static final String OFFICE_CLERK = "office-clerk";
  public static final String OFFICE_HEAD = "office-head";
  public static final String LEADER = "leader";
  public static final String SUPERVISOR = "supervisor";
  static final String MAIL_DOMAIN = "datian.example.cn";

  private final IdentityService identityService;
  private final DepartmentDirectory directory;

  public DemoUsers(IdentityService identityService, DepartmentDirectory directory) {
    this.identityService = identityService;
    this.directory = directory;
  }

  public static String clerkOf(String departmentId) {
    return departmentId + "-clerk";
  }

  public static String headOf(String departmentId) {
    return departmentId + "-head";
  }

  public void create() {
    ensureUser(ADMIN, "演示", "管理员", List.of(Groups.CAMUNDA_ADMIN));
    ensureUser(OFFICE_CLERK, "办公室", "经办人", List.of(Groups.OFFICE));
    ensureUser(OFFICE_HEAD, "办公室", "负责人", List.of(Groups.OFFICE_HEAD, Groups.OFFICE));
    ensureUser(LEADER, "领导小组", "成员", List.of(Groups.LEADING_GROUP));
    ensureUser(SUPERVISOR, "督查", "人员", List.of(Groups.SUPERVISORS));
    for (Department d : directory.all()) {
      ensureUser(clerkOf(d.id()), d.name(), "联络员", List.of(d.id(), Groups.DEPARTMENT_STAFF));
      ensureUser(headOf(d.id()), d.name(), "负责人", List.of(d.id(), d.headsGroupId(), Groups.DEPARTMENT_STAFF));
    }
  }

  /** The production administrator: created once with the password from the environment. */
  public void ensureAdministrator(String id, String password) {
    if (identityService.createUserQuery().userId(id).singleResult() == null) {
      User user = identityService.newUser(id);
      user.setFirstName("系统");
      user.setLastName("管理员");
      user.setPassword(password);
      identityService.saveUser(user);
    }
    if (identityService.createUserQuery().userId(id).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
      identityService.createMembership(id, Groups.CAMUNDA_ADMIN);
    }
  }

  private void ensureUser(String id, String firstName, String lastName, List<String> groups) {
    if (identityService.createUserQuery().userId(id).singleResult() == null) {
      User user = identityService.newUser(id);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(id + "@" + MAIL_DOMAIN);
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
    }
    for (String group : groups) {
      boolean member =
          identityService.createUserQuery().userId(id).memberOfGroup(group).count() > 0;
      if (!member) {
        identityService.createMembership(id, group);
      }
    }
  }
}
