package cn.datian.noticeflow.response;

/** The department is not a recipient of the notice. */
public class NoSuchRecipientException extends RuntimeException {

  public NoSuchRecipientException(String message) {
    super(message);
  }
}
