package cn.datian.noticeflow.report;

/** Asked for a document that does not exist (yet): 404. */
public class NoDocumentException extends RuntimeException {
  public NoDocumentException(String message) {
    super(message);
  }
}
