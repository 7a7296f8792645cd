package cn.datian.noticeflow.mail;

/** Where a message stands. */
public enum MailState {
  /** Written, waiting for its sending job. */
  PENDING,
  /** Handed to the SMTP server. */
  SENT,
  /** The last attempt failed; the job retries (and ends as an incident when out of retries). */
  FAILED,
  /** No SMTP server is configured: the message is kept here and in the application log. */
  RECORDED
}
