package cn.datian.noticeflow.notice;

/** No notice with that id. */
public class NoticeNotFoundException extends RuntimeException {

  public NoticeNotFoundException(String noticeId) {
    super("通知不存在 (no notice with id " + noticeId + ")");
  }
}
