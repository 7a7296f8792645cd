package cn.datian.noticeflow.startup;

import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.identity.Grants;
import cn.datian.noticeflow.identity.Groups;
import cn.datian.noticeflow.process.ProcessKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns the department directory into Camunda groups and grants every group what it needs.
 *
 * <p>Runs on every start and only adds or renames: editing the directory and restarting updates the
 * groups and never duplicates them. Task visibility needs no grant here: Camunda gives a candidate
 * group read and work permission on each task it is candidate for, which is what keeps one
 * department out of another's tasks.
 */
@Component
public class IdentitySetup {

  private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

  private final IdentityService identityService;
  private final Grants grants;
  private final DepartmentDirectory directory;

  public IdentitySetup(
      IdentityService identityService, Grants grants, DepartmentDirectory directory) {
    this.identityService = identityService;
    this.grants = grants;
    this.directory = directory;
  }

  public void apply() {
    Map<String, Group> existing = new HashMap<>();
    identityService.createGroupQuery().list().forEach(g -> existing.put(g.getId(), g));
    List<String> roleGroups = new ArrayList<>();
    ensureGroup(existing, Groups.OFFICE, "质量强县工作领导小组办公室", "office", roleGroups);
    ensureGroup(existing, Groups.OFFICE_HEAD, "领导小组办公室负责人", "office", roleGroups);
    ensureGroup(existing, Groups.LEADING_GROUP, "质量强县工作领导小组", "leadership", roleGroups);
    ensureGroup(existing, Groups.SUPERVISORS, "督查人员", "oversight", roleGroups);
    ensureGroup(existing, Groups.DEPARTMENT_STAFF, "各部门（单位）工作人员", "department-staff", roleGroups);
    ensureGroup(existing, Groups.CAMUNDA_ADMIN, "系统管理员", "SYSTEM", new ArrayList<>());
    ensureGroup(existing, Groups.OPERATIONS, "运维人员", "SYSTEM", new ArrayList<>());
    // A department group only says whose tasks are whose; what department users may do comes
    // from the one department-staff role, so grants do not grow with the directory.
    List<String> departmentGroups = new ArrayList<>();
    for (Department d : directory.all()) {
      ensureGroup(existing, d.id(), d.name(), "department", departmentGroups);
      ensureGroup(
          existing, d.headsGroupId(), d.name() + "负责人", "department-heads", departmentGroups);
    }

    // Camunda's administrators hold their powers through grants, like everyone else (the same
    // grants Camunda's own first-admin setup creates).
    for (Resources resource : Resources.values()) {
      grant(Groups.CAMUNDA_ADMIN, resource, "*", Permissions.ALL);
    }
    for (String group : roleGroups) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      // Tasklist reads the deployed forms through the definition; reading tasks is not granted.
      grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    }
    for (String issuer : List.of(Groups.OFFICE, Groups.OFFICE_HEAD)) {
      grant(
          issuer,
          Resources.PROCESS_DEFINITION,
          ProcessKeys.NOTICE_LIFECYCLE,
          Permissions.CREATE_INSTANCE);
      grant(
          issuer,
          Resources.PROCESS_DEFINITION,
          ProcessKeys.URGE_DEPARTMENT,
          Permissions.CREATE_INSTANCE);
      grant(issuer, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }
    // Those who follow the departments may read (not work) every department's tasks and their
    // variables, which is what the 各部门已逾期 filter lists; departments see only their own.
    for (String overseer :
        List.of(Groups.OFFICE, Groups.OFFICE_HEAD, Groups.LEADING_GROUP, Groups.SUPERVISORS)) {
      grant(
          overseer,
          Resources.PROCESS_DEFINITION,
          ProcessKeys.DEPARTMENT_RESPONSE,
          ProcessDefinitionPermissions.READ_TASK);
      grant(
          overseer,
          Resources.PROCESS_DEFINITION,
          ProcessKeys.DEPARTMENT_RESPONSE,
          ProcessDefinitionPermissions.READ_INSTANCE);
    }
    // Unclaiming (Tasklist's 取消认领) is an assignment to nobody and needs TASK_ASSIGN; the grant
    // is per process, and TaskCommandGuard lets it touch only tasks of the user's own groups and
    // hand them to nobody or oneself. The office may also hand a task to another member of the
    // department it belongs to.
    grant(
        Groups.DEPARTMENT_STAFF,
        Resources.PROCESS_DEFINITION,
        ProcessKeys.DEPARTMENT_RESPONSE,
        ProcessDefinitionPermissions.TASK_ASSIGN);
    for (String office : List.of(Groups.OFFICE, Groups.OFFICE_HEAD)) {
      for (String process :
          List.of(
              ProcessKeys.NOTICE_LIFECYCLE,
              ProcessKeys.DEPARTMENT_RESPONSE,
              ProcessKeys.SUPERVISE_DEPARTMENT)) {
        grant(
            office,
            Resources.PROCESS_DEFINITION,
            process,
            ProcessDefinitionPermissions.TASK_ASSIGN);
      }
    }
    log.info(
        "Identity set up: {} role groups, {} department groups",
        roleGroups.size(),
        departmentGroups.size());
  }

  private void ensureGroup(
      Map<String, Group> existing, String id, String name, String type, List<String> collected) {
    Group group = existing.get(id);
    if (group == null) {
      group = identityService.newGroup(id);
      group.setName(name);
      group.setType(type);
      identityService.saveGroup(group);
    } else if (!name.equals(group.getName()) || !type.equals(group.getType())) {
      group.setName(name);
      group.setType(type);
      identityService.saveGroup(group);
    }
    collected.add(id);
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission permission) {
    grants.grant(groupId, resource, resourceId, permission);
  }
}
