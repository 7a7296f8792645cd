package cn.datian.noticeflow.startup;

import static cn.datian.noticeflow.identity.DemoUsers.ADMIN;
import static cn.datian.noticeflow.identity.DemoUsers.LEADER;
import static cn.datian.noticeflow.identity.DemoUsers.MAIL_DOMAIN;
import static cn.datian.noticeflow.identity.DemoUsers.OFFICE_CLERK;
import static cn.datian.noticeflow.identity.DemoUsers.OFFICE_HEAD;
import static cn.datian.noticeflow.identity.DemoUsers.PASSWORD;
import static cn.datian.noticeflow.identity.DemoUsers.SUPERVISOR;
import static cn.datian.noticeflow.identity.DemoUsers.clerkOf;
import static cn.datian.noticeflow.identity.DemoUsers.headOf;

import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.identity.Groups;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Creates the demo users ({@link cn.datian.noticeflow.identity.DemoUsers}: one per role, and a
 * clerk and a head per department of the directory) and the production administrator. Here, not in
 * identity/, because it reads the directory.
 */
@Component
public class DemoUserSetup {

  private final IdentityService identityService;
  private final DepartmentDirectory directory;

  public DemoUserSetup(IdentityService identityService, DepartmentDirectory directory) {
    this.identityService = identityService;
    this.directory = directory;
  }

  public void create() {
    ensureUser(ADMIN, "演示", "管理员", List.of(Groups.CAMUNDA_ADMIN));
    ensureUser(OFFICE_CLERK, "办公室", "经办人", List.of(Groups.OFFICE));
    ensureUser(OFFICE_HEAD, "办公室", "负责人", List.of(Groups.OFFICE_HEAD, Groups.OFFICE));
    ensureUser(LEADER, "领导小组", "成员", List.of(Groups.LEADING_GROUP));
    ensureUser(SUPERVISOR, "督查", "人员", List.of(Groups.SUPERVISORS));
    for (Department d : directory.all()) {
      ensureUser(clerkOf(d.id()), d.name(), "联络员", List.of(d.id(), Groups.DEPARTMENT_STAFF));
      ensureUser(
          headOf(d.id()),
          d.name(),
          "负责人",
          List.of(d.id(), d.headsGroupId(), Groups.DEPARTMENT_STAFF));
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
    if (identityService.createUserQuery().userId(id).memberOfGroup(Groups.CAMUNDA_ADMIN).count()
        == 0) {
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
