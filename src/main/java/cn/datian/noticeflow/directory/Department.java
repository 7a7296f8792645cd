package cn.datian.noticeflow.directory;

import java.util.List;

/**
 * One recipient of a notice: a county department, a unit, or the enterprises (who volunteer).
 *
 * @param id stable ASCII id, also the Camunda group id of the department's users
 * @param name the Chinese name as the notice writes it
 * @param kind county-department, financial-institution, public-institution or enterprise
 * @param participation whether the department must take part or may decline
 * @param email the department's contact address
 * @param activities what section 四 of the notice assigns to this department
 */
public record Department(
    String id,
    String name,
    String kind,
    Participation participation,
    String email,
    List<String> activities) {

  public Department {
    activities = activities == null ? List.of() : List.copyOf(activities);
  }

  /** The Camunda group of the department's heads, who sign off its summary. */
  public String headsGroupId() {
    return headsGroupIdOf(id);
  }

  public static String headsGroupIdOf(String departmentId) {
    return departmentId + "-heads";
  }

  public boolean isVoluntary() {
    return participation == Participation.VOLUNTARY;
  }
}
