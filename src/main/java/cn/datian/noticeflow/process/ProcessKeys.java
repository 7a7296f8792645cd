package cn.datian.noticeflow.process;

/**
 * The keys of the four processes in bpmn/, one place for all: the packages that start, grant or
 * query a process name it from here (this package sits below every feature), never by a literal.
 */
public final class ProcessKeys {

  public static final String NOTICE_LIFECYCLE = "notice-lifecycle";
  public static final String DEPARTMENT_RESPONSE = "department-response";
  public static final String SUPERVISE_DEPARTMENT = "supervise-department";
  public static final String URGE_DEPARTMENT = "urge-department";

  private ProcessKeys() {}
}
