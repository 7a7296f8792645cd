package cn.datian.noticeflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatcher's back-off and its one-line account of a failure, without a server. */
class MailDispatcherTest {

  private final MailProperties properties =
      new MailProperties(
          "a@b",
          "http://localhost:8080",
          null,
          "d",
          new MailProperties.Dispatcher(
              true,
              Duration.ofSeconds(5),
              50,
              4,
              Duration.ofMinutes(1),
              Duration.ofMinutes(30),
              Duration.ofDays(3),
              Duration.ofMinutes(5)),
          Duration.ofMinutes(15));
  private final MailDispatcher dispatcher =
      new MailDispatcher(null, null, properties, null, List.of());

  @Test
  void backOff_doublesFromOneMinute_toAtMostThirty() {
    assertThat(
            List.of(1, 2, 3, 4, 5, 6, 7, 50).stream()
                .map(dispatcher::backOff)
                .map(Duration::toMinutes)
                .toList())
        .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
  }

  @Test
  void answer_isOneLine_withTheServersWords() {
    MessagingException refused =
        new MessagingException(
            "Couldn't connect to host, port: localhost, 25",
            new ConnectException("Connection refused"));
    assertThat(MailDispatcher.answer(refused))
        .isEqualTo("Couldn't connect to host, port: localhost, 25 ← Connection refused");
    assertThat(
            MailDispatcher.answer(
                new MessagingException("550 5.1.1 <x@y>:\n Recipient address rejected")))
        .isEqualTo("550 5.1.1 <x@y>: Recipient address rejected");
  }
}
