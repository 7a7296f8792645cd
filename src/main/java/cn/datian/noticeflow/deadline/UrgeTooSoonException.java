package cn.datian.noticeflow.deadline;

import java.time.OffsetDateTime;

/** 催办 again before the urge interval has passed since the last one to that department. */
public class UrgeTooSoonException extends ChaseRefusedException {

  private final OffsetDateTime lastUrgedAt;
  private final OffsetDateTime nextUrgeFrom;

  public UrgeTooSoonException(
      String message, OffsetDateTime lastUrgedAt, OffsetDateTime nextUrgeFrom) {
    super(message);
    this.lastUrgedAt = lastUrgedAt;
    this.nextUrgeFrom = nextUrgeFrom;
  }

  public OffsetDateTime lastUrgedAt() {
    return lastUrgedAt;
  }

  public OffsetDateTime nextUrgeFrom() {
    return nextUrgeFrom;
  }
}
