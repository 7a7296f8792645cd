package cn.datian.noticeflow.directory;

import cn.datian.noticeflow.common.AsSystem;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * The two Camunda groups of a recipient, department or enterprise alike: its own (candidates of its
 * tasks) and its heads' (the summary sign-off). Created or renamed as the directory changes, on the
 * system's authority (the office may not manage groups itself).
 */
@Component
class RecipientGroups {

  private final IdentityService identityService;

  RecipientGroups(IdentityService identityService) {
    this.identityService = identityService;
  }

  void ensure(String recipientId, String name) {
    AsSystem.run(
        identityService,
        () -> {
          ensureGroup(recipientId, name, "department");
          ensureGroup(Department.headsGroupIdOf(recipientId), name + "负责人", "department-heads");
        });
  }

  private void ensureGroup(String id, String name, String type) {
    Group group = identityService.createGroupQuery().groupId(id).singleResult();
    if (group == null) {
      group = identityService.newGroup(id);
    } else if (name.equals(group.getName())) {
      return;
    }
    group.setName(name);
    group.setType(type);
    identityService.saveGroup(group);
  }
}
