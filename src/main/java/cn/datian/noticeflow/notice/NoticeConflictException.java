package cn.datian.noticeflow.notice;

/** A change the notice's stage no longer allows (a draft already signed off): 409. */
public class NoticeConflictException extends RuntimeException {

  public NoticeConflictException(String message) {
    super(message);
  }
}
