package cn.datian.noticeflow.common;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Runs engine calls as the system, not as the user whose action caused them: moving a department's
 * deadline watch after a return, or the department's due dates after the office head approves an
 * extension, are consequences the user may not do by hand.
 */
public final class AsSystem {

  private AsSystem() {}

  public static void run(IdentityService identityService, Runnable action) {
    call(
        identityService,
        () -> {
          action.run();
          return null;
        });
  }

  public static <T> T call(IdentityService identityService, Supplier<T> action) {
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext != null) {
      boolean wasEnabled = commandContext.isAuthorizationCheckEnabled();
      commandContext.disableAuthorizationCheck();
      try {
        return action.get();
      } finally {
        if (wasEnabled) {
          commandContext.enableAuthorizationCheck();
        }
      }
    }
    Authentication authentication = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return action.get();
    } finally {
      if (authentication != null) {
        identityService.setAuthentication(authentication);
      }
    }
  }
}
