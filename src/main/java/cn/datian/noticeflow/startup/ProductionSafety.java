package cn.datian.noticeflow.startup;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.identity.DemoUsers;

/** A production profile does not start with demo users or a default password. */
public final class ProductionSafety {

  private ProductionSafety() {}

  public static void check(NoticeflowProperties properties) {
    if (properties.demo().users() || properties.demo().notice()) {
      throw new IllegalStateException(
          "Refusing to start: demo users or the demo notice are enabled in a production profile "
              + "(noticeflow.demo.users / noticeflow.demo.notice)");
    }
    String password = properties.admin().password();
    if (password == null || password.isBlank()) {
      throw new IllegalStateException(
          "Refusing to start: set the administrator's password in NOTICEFLOW_ADMIN_PASSWORD");
    }
    if (password.length() < 12
        || password.equalsIgnoreCase(DemoUsers.PASSWORD)
        || password.equalsIgnoreCase(properties.admin().user())) {
      throw new IllegalStateException(
          "Refusing to start: the administrator's password is a default or shorter than 12 characters");
    }
  }
}
