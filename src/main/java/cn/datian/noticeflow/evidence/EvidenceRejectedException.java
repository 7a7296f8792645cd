package cn.datian.noticeflow.evidence;

import cn.datian.noticeflow.common.TaskInput;

/**
 * An upload that is refused (bad file, wrong department, wrong moment); names the reason in the
 * words the upload form shows a clerk (no field id, no English gloss).
 */
public class EvidenceRejectedException extends RuntimeException {

  private final int status;

  public EvidenceRejectedException(int status, String message) {
    super(TaskInput.clerkMessage(message));
    this.status = status;
  }

  public int status() {
    return status;
  }
}
