package cn.datian.noticeflow.identity;

import cn.datian.noticeflow.NoticeflowProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Brings groups, grants, filters (and in the default profile the demo users) up to date. */
@Component
@Order(10)
public class IdentityStartup implements ApplicationRunner {

  private final IdentitySetup identitySetup;
  private final TasklistFilters tasklistFilters;
  private final DemoUsers demoUsers;
  private final NoticeflowProperties properties;

  public IdentityStartup(
      IdentitySetup identitySetup,
      TasklistFilters tasklistFilters,
      DemoUsers demoUsers,
      NoticeflowProperties properties) {
    this.identitySetup = identitySetup;
    this.tasklistFilters = tasklistFilters;
    this.demoUsers = demoUsers;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (properties.production()) {
      ProductionSafety.check(properties);
    }
    identitySetup.apply();
    tasklistFilters.apply();
    if (properties.demo().users()) {
      demoUsers.create();
    }
    if (properties.production()) {
      demoUsers.ensureAdministrator(properties.admin().user(), properties.admin().password());
    }
  }
}
