package cn.datian.noticeflow.identity;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The user behind an API request: id and Camunda group ids. */
public record CurrentUser(String id, Set<String> groupIds) {

  public static CurrentUser of(Authentication authentication) {
    return new CurrentUser(
        authentication.getName(),
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .collect(Collectors.toUnmodifiableSet()));
  }

  public boolean inAnyOf(List<String> groups) {
    return groups.stream().anyMatch(groupIds::contains);
  }

  public boolean isIssuer() {
    return inAnyOf(Groups.ISSUERS);
  }

  public boolean hasOversight() {
    return inAnyOf(Groups.OVERSIGHT);
  }

  public boolean managesDirectory() {
    return inAnyOf(Groups.DIRECTORY_MANAGERS);
  }

  /**
   * Refuses (403) anyone but the office and administrators: the directory and calendar are theirs.
   */
  public void requireDirectoryManager() {
    if (!managesDirectory()) {
      throw new org.springframework.security.access.AccessDeniedException(
          "只有领导小组办公室和管理员可以维护名录和节假日");
    }
  }

  public List<String> groupIdList() {
    return List.copyOf(groupIds);
  }
}
