package cn.datian.noticeflow.identity;

import cn.datian.noticeflow.common.AsSystem;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** A user's name as people read it: first and last name from Camunda's identity service. */
@Component
public class DisplayNames {

  private final IdentityService identityService;

  public DisplayNames(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** "县交通局联络员" for transport-clerk; the login id when the user has no name (or is unknown). */
  public String of(String userId) {
    if (userId == null) {
      return "";
    }
    User user =
        AsSystem.call(
            identityService, () -> identityService.createUserQuery().userId(userId).singleResult());
    if (user == null) {
      return userId;
    }
    // Chinese names run together; a Latin first and last name get a space between them
    String first = blankToEmpty(user.getFirstName());
    String last = blankToEmpty(user.getLastName());
    String separator =
        first.isEmpty() || last.isEmpty() || (isCjk(first) && isCjk(last)) ? "" : " ";
    String name = (first + separator + last).strip();
    return name.isEmpty() ? userId : name;
  }

  private static String blankToEmpty(String s) {
    return s == null ? "" : s.strip();
  }

  private static boolean isCjk(String s) {
    return s.codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }
}
