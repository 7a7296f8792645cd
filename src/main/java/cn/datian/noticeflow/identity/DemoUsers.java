package cn.datian.noticeflow.identity;

/**
 * The demo users of the default profile, one per role, all with the password {@value #PASSWORD}.
 * Following Camunda's convention, {@code demo} is the administrator. They are created at start-up
 * by {@code startup.DemoUserSetup}.
 */
public final class DemoUsers {

  public static final String PASSWORD = "demo";
  public static final String ADMIN = "demo";
  public static final String OFFICE_CLERK = "office-clerk";
  public static final String OFFICE_HEAD = "office-head";
  public static final String LEADER = "leader";
  public static final String SUPERVISOR = "supervisor";
  public static final String MAIL_DOMAIN = "datian.example.cn";

  private DemoUsers() {}

  public static String clerkOf(String departmentId) {
    return departmentId + "-clerk";
  }

  public static String headOf(String departmentId) {
    return departmentId + "-head";
  }
}
