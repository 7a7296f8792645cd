package cn.datian.noticeflow.identity;

import java.util.List;

/** The Camunda groups of the people who run a notice (departments add one group each). */
public final class Groups {

  /** The leading group's office (领导小组办公室): drafts notices, reviews summaries. */
  public static final String OFFICE = "office";

  /** The office's head: signs off notices and the consolidated report. */
  public static final String OFFICE_HEAD = "office-head";

  /** The leading group (领导小组): receives escalations. */
  public static final String LEADING_GROUP = "leading-group";

  /** Supervisors (督查): follow who is late. */
  public static final String SUPERVISORS = "supervisors";

  /**
   * Every department user (clerks and heads) is also in this role group: it carries what department
   * users may do in Tasklist, once, instead of one grant per department.
   */
  public static final String DEPARTMENT_STAFF = "department-staff";

  /** Operations (运维): may read the metrics ({@code /actuator/prometheus}), nothing else. */
  public static final String OPERATIONS = "operations";

  /** Camunda's built-in administrators group. */
  public static final String CAMUNDA_ADMIN = "camunda-admin";

  /** Groups that may see every department's progress on a notice. */
  public static final List<String> OVERSIGHT =
      List.of(OFFICE, OFFICE_HEAD, LEADING_GROUP, SUPERVISORS, CAMUNDA_ADMIN);

  /** Groups that may issue a notice. */
  public static final List<String> ISSUERS = List.of(OFFICE, OFFICE_HEAD, CAMUNDA_ADMIN);

  /** Groups that run the directory, the people and the holiday calendar. */
  public static final List<String> DIRECTORY_MANAGERS = List.of(OFFICE, CAMUNDA_ADMIN);

  private Groups() {}
}
