package cn.datian.noticeflow.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/**
 * GreenMail, a real SMTP server in the test JVM, on the port the test profile sends to. Tests stop
 * and start it to play a mail server that is down.
 */
public final class TestMailServer {

  public static final int PORT = Integer.getInteger("noticeflow.test.smtp-port", 3025);
  private static GreenMail server;

  private TestMailServer() {}

  public static synchronized void ensureRunning() {
    if (server == null) {
      server = new GreenMail(new ServerSetup(PORT, "localhost", ServerSetup.PROTOCOL_SMTP));
      server.start();
    }
  }

  public static synchronized void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  public static List<MimeMessage> received() {
    ensureRunning();
    return Arrays.asList(server.getReceivedMessages());
  }

  /** Forgets what was received (between tests). */
  public static void purge() throws Exception {
    ensureRunning();
    server.purgeEmailFromAllMailboxes();
  }
}
