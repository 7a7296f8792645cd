package cn.datian.noticeflow.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is logged in, for the webapps' header (Tasklist shows 督办看板 to those who follow every
 * department).
 */
@Tag(name = "当前用户 Me")
@RestController
public class MeController {

  private final DisplayNames names;

  public MeController(DisplayNames names) {
    this.names = names;
  }

  /**
   * @param oversight whether the user follows every department on the board
   */
  public record Me(String id, String name, boolean oversight) {}

  @Operation(summary = "当前用户 / Who is logged in")
  @GetMapping("/api/me")
  public Me me(Authentication authentication) {
    CurrentUser user = CurrentUser.of(authentication);
    return new Me(user.id(), names.of(user.id()), user.hasOversight());
  }
}
