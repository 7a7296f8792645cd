package cn.datian.noticeflow.startup;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.tasklist.TasklistFilters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Brings groups, grants, filters (and in the default profile the demo users) up to date. */
@Component
@Order(10)
public class IdentityStartup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(IdentityStartup.class);

  private final IdentitySetup identitySetup;
  private final TasklistFilters tasklistFilters;
  private final DemoUserSetup demoUsers;
  private final NoticeflowProperties properties;

  public IdentityStartup(
      IdentitySetup identitySetup,
      TasklistFilters tasklistFilters,
      DemoUserSetup demoUsers,
      NoticeflowProperties properties) {
    this.identitySetup = identitySetup;
    this.tasklistFilters = tasklistFilters;
    this.demoUsers = demoUsers;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) throws InterruptedException {
    if (properties.production()) {
      ProductionSafety.check(properties);
    }
    try {
      identitySetup.apply();
    } catch (RuntimeException raced) {
      // Two nodes starting together may both create the same group; the second sees it next time.
      log.warn("Identity setup raced with another node, trying once more: {}", raced.getMessage());
      Thread.sleep(1000 + (long) (Math.random() * 2000));
      identitySetup.apply();
    }
    tasklistFilters.apply();
    if (properties.demo().users()) {
      demoUsers.create();
    }
    if (properties.production()) {
      demoUsers.ensureAdministrator(properties.admin().user(), properties.admin().password());
    }
  }
}
