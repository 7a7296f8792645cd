package cn.datian.noticeflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.support.ProcessTestSupport;
import java.util.Date;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;

/**
 * A stranger who knows a user id can slow its logins down, never lock it out: wrong passwords over
 * HTTP Basic (Camunda's REST API and ours), each sent after the previous delay, far past Camunda's
 * default limit of ten; the right password works once the delay has passed.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoginDelayTest extends ProcessTestSupport {

  private static final String USER = "lockout-target";
  private static final String PASSWORD = "the-right-one";

  @BeforeEach
  void aUser() {
    User user = identityService.newUser(USER);
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(USER, Groups.OFFICE);
  }

  @AfterEach
  void noUser() {
    identityService.deleteUser(USER);
  }

  @Test
  void thirtyWrongPasswords_delayButNeverLock_andTheRightOneWorksAfterTheDelay(
      CapturedOutput output) {
    ProcessEngineConfigurationImpl config =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(config.getLoginMaxAttempts()).as("no permanent lock").isEqualTo(Integer.MAX_VALUE);
    assertThat(config.getLoginDelayMaxTime()).isEqualTo(60);
    assertThat(config.getLoginDelayBase()).isEqualTo(3);
    assertThat(config.getLoginDelayFactor()).isEqualTo(2);

    long now = System.currentTimeMillis();
    for (int attempt = 1; attempt <= 30; attempt++) {
      now += 61_000; // each after the previous delay (at most 60 s): every one counts
      ClockUtil.setCurrentTime(new Date(now));
      String path = attempt % 2 == 0 ? "/engine-rest/task/count" : "/api/notices";
      assertThat(
              http.withBasicAuth(USER, "wrong-" + attempt)
                  .getForEntity(path, String.class)
                  .getStatusCode())
          .as("attempt " + attempt)
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    // right now, the right password waits for the delay (60 s at most) …
    assertThat(
            http.withBasicAuth(USER, PASSWORD)
                .getForEntity("/engine-rest/task/count", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // … and works once it has passed, through both APIs
    ClockUtil.setCurrentTime(new Date(now + 61_000));
    assertThat(
            http.withBasicAuth(USER, PASSWORD)
                .getForEntity("/engine-rest/task/count", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(
            http.withBasicAuth(USER, PASSWORD)
                .getForEntity("/api/notices", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    // the user is unchanged: same password, same groups
    assertThat(identityService.checkPassword(USER, PASSWORD)).isTrue();
    assertThat(identityService.createGroupQuery().groupMember(USER).singleResult().getId())
        .isEqualTo(Groups.OFFICE);

    // every delay is logged with the user and the client's address, as is the refused login
    assertThat(output.getAll())
        .contains("Wrong password for '" + USER + "' from 127.0.0.1 (attempt 30 in a row)")
        .contains(
            "Login of '" + USER + "' from 127.0.0.1 refused: delayed after 30 wrong password(s)");
  }
}
