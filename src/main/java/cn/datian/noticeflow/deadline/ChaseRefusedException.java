package cn.datian.noticeflow.deadline;

/** A request about a department's deadline that cannot be carried out in its current state. */
public class ChaseRefusedException extends RuntimeException {

  public ChaseRefusedException(String message) {
    super(message);
  }
}
