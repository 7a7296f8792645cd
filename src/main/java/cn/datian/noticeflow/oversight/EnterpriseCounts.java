package cn.datian.noticeflow.oversight;

/**
 * Enterprises (voluntary recipients) counted apart from the departments: 参加 (opted in, then working
 * like a department), 谢绝 (declined with a reason), 未回复 (no answer, never overdue).
 */
public record EnterpriseCounts(int takingPart, int declined, int silent) {

  public int total() {
    return takingPart + declined + silent;
  }

  /** "参加 n、谢绝 m、未回复 k", as the board and the reports say it. */
  public String text() {
    return "参加 " + takingPart + "、谢绝 " + declined + "、未回复 " + silent;
  }
}
