package cn.datian.noticeflow.mail;

import java.util.List;

/** Where a message stands. */
public enum MailState {
  /** Written, waiting for the dispatcher. */
  PENDING,
  /** Handed to the SMTP server. */
  SENT,
  /** The last attempt failed; the dispatcher tries again after a back-off. */
  FAILED,
  /** No SMTP server is configured: the message is kept here and in the application log. */
  RECORDED,
  /**
   * Not sent: its reason was gone when it could go (the department delivered, the deadline moved…).
   */
  SKIPPED,
  /**
   * Not sent: it could not be delivered for as long as it mattered (noticeflow.mail.give-up-after).
   */
  EXPIRED;

  /** The states of a message that still waits to go out. */
  public static final List<MailState> UNSENT = List.of(PENDING, FAILED);
}
