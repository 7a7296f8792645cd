package cn.datian.noticeflow.evidence;

/** An upload that is refused (bad file, wrong department, wrong moment); names the reason. */
public class EvidenceRejectedException extends RuntimeException {

  private final int status;

  public EvidenceRejectedException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
