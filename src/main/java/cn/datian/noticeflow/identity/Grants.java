package cn.datian.noticeflow.identity;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Component;

/** Adds a permission to a group's grant on one resource, leaving the grant alone if it has it. */
@Component
public class Grants {

  private final AuthorizationService authorizationService;

  public Grants(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  public void grant(String groupId, Resource resource, String resourceId, Permission permission) {
    Authorization existing =
        authorizationService
            .createAuthorizationQuery()
            .authorizationType(Authorization.AUTH_TYPE_GRANT)
            .groupIdIn(groupId)
            .resourceType(resource)
            .resourceId(resourceId)
            .singleResult();
    if (existing != null && existing.isPermissionGranted(permission)) {
      return;
    }
    Authorization authorization =
        existing != null
            ? existing
            : authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    authorizationService.saveAuthorization(authorization);
  }
}
