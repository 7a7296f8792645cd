package cn.datian.noticeflow.identity;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Wrong passwords slow an attacker down, and never lock anyone out for good.
 *
 * <p>Camunda delays the next login after each wrong password (3 s, 6 s, 12 s, … up to {@code
 * login-delay-max-time}) and, by default, locks the user permanently after ten: anyone who knows a
 * user id could lock the administrator out. application.yaml raises {@code login-max-attempts}
 * beyond reach, so the delay keeps growing to its maximum and the right password works again once
 * it has passed. Every delay, and every attempt refused during one, is logged with the user id and
 * the client's address ({@link ClientAddress}).
 */
@Component
public class LoginDelays extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(LoginDelays.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(
        new GenericManagerFactory(LoggingIdentityProvider.class));
  }

  /** Camunda's own identity provider, saying who was delayed and from where. */
  public static class LoggingIdentityProvider extends DbIdentityServiceProvider {

    @Override
    public boolean checkPassword(String userId, String password) {
      if (userId != null && password != null) {
        UserEntity user = findUserById(userId);
        if (user != null && isUserLocked(user)) {
          log.warn(
              "Login of '{}' from {} refused: delayed after {} wrong password(s) until {}",
              userId,
              ClientAddress.current(),
              user.getAttempts(),
              user.getLockExpirationTime());
        }
      }
      return super.checkPassword(userId, password);
    }

    @Override
    protected void lockUser(UserEntity user) {
      int attempts = user.getAttempts() + 1;
      super.lockUser(user);
      log.warn(
          "Wrong password for '{}' from {} (attempt {} in a row): next login not before {}",
          user.getId(),
          ClientAddress.current(),
          attempts,
          user.getLockExpirationTime() != null
              ? user.getLockExpirationTime()
              : "(delay) after " + ClockUtil.getCurrentTime());
    }
  }
}
