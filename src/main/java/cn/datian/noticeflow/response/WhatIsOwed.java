package cn.datian.noticeflow.response;

import cn.datian.noticeflow.directory.Participation;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeState;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What a recipient owes next, by when, and where that leaves it on the board: the one home of the
 * rule that the deadline watch, the oversight board, the metrics and the reports read (#17).
 *
 * <ul>
 *   <li>Acknowledging: the acknowledgement (签收), by the notice's acknowledge-by date. A voluntary
 *       recipient (an enterprise) that has not answered owes nothing (section 五: 不得强制企业参与): it is
 *       未回复, never overdue.
 *   <li>Executing, returned, or with its head for sign-off: the summary (报送总结), by its own deadline
 *       after an approved extension, else the notice's.
 *   <li>With the office for review, or in any final stage (accepted, declined, or a voluntary
 *       recipient's silence that ended the notice for it): nothing.
 * </ul>
 *
 * <p>{@link ResponseRepository} stores the {@linkplain #stored stored form} on the recipient's row
 * ({@code owed}, {@code owed_by}, {@code standing}) in the same transaction as everything it
 * depends on changes: a stage, a due date, the notice's dates, the notice closing. The board and
 * the metrics then read an index on those columns instead of deriving the rule again in SQL; the
 * watch and the reports compute it here. How late a recipient is follows from {@code owedBy}:
 * overdue once it has passed ({@link #overdueAt}; {@link #OVERDUE_SQL} over the stored columns), by
 * how many working days the deadline schedule counts.
 *
 * @param owed what is owed next; null when nothing is
 * @param owedBy when it is owed by; for a recipient that owes nothing, the date its row still shows
 *     (the acknowledge-by date while an enterprise is silent, else its summary deadline)
 * @param standing where that leaves the recipient on the board
 */
public record WhatIsOwed(Owed owed, OffsetDateTime owedBy, Standing standing) {

  /** What a recipient can owe. */
  public enum Owed {
    ACKNOWLEDGEMENT("acknowledge"),
    SUMMARY("summary");

    private final String kind;

    Owed(String kind) {
      this.kind = kind;
    }

    /** As reminder and escalation keys name it: a stage change within the summary keeps its key. */
    public String kind() {
      return kind;
    }
  }

  /**
   * Where a recipient stands, in the board's order (most urgent first). Stored as its code: the
   * first column of the board's index, so that the board reads its rows in order from it.
   */
  public enum Standing {
    /** Owes something: red, yellow or green by the time left until {@code owedBy}. */
    OWING(0),
    /** Delivered: with the office for review, or accepted. */
    SETTLED(1),
    /** Declined to take part (voluntary recipients only). */
    DECLINED(2),
    /** A voluntary recipient that has not answered (未回复): owes nothing, never overdue. */
    SILENT(3),
    /**
     * Its notice is closed: off the board. The highest code: the board reads {@code standing < 9}.
     */
    CLOSED(9);

    private final int code;

    Standing(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    public static Standing ofCode(int code) {
      for (Standing s : values()) {
        if (s.code == code) {
          return s;
        }
      }
      throw new IllegalArgumentException("No standing " + code);
    }
  }

  /** Overdue, over the stored columns of {@code notice_recipient r} (parameter {@code :now}). */
  public static final String OVERDUE_SQL =
      "r.standing = " + Standing.OWING.code() + " and r.owed_by < :now";

  /** What a recipient at this stage owes, by when, and its standing (its notice open). */
  public static WhatIsOwed of(
      RecipientStage stage,
      Participation participation,
      OffsetDateTime acknowledgeBy,
      OffsetDateTime deadline) {
    boolean voluntary = participation == Participation.VOLUNTARY;
    if (stage == RecipientStage.ACKNOWLEDGING) {
      return voluntary
          ? new WhatIsOwed(null, acknowledgeBy, Standing.SILENT)
          : new WhatIsOwed(Owed.ACKNOWLEDGEMENT, acknowledgeBy, Standing.OWING);
    }
    if (stage == RecipientStage.EXECUTING
        || stage == RecipientStage.RETURNED
        || stage == RecipientStage.AWAITING_SIGN_OFF) {
      return new WhatIsOwed(Owed.SUMMARY, deadline, Standing.OWING);
    }
    if (stage == RecipientStage.DECLINED) {
      return new WhatIsOwed(null, deadline, Standing.DECLINED);
    }
    if (stage.isFinal() && stage != RecipientStage.ACCEPTED && voluntary) {
      // any other end of a voluntary recipient (its silence outlasting the notice) stays 未回复
      return new WhatIsOwed(null, acknowledgeBy, Standing.SILENT);
    }
    return new WhatIsOwed(null, deadline, Standing.SETTLED); // in review, accepted
  }

  /** What this recipient of this notice owes now. */
  public static WhatIsOwed of(Notice notice, NoticeRecipient recipient) {
    return of(
        recipient.stage(),
        recipient.participation(),
        notice.acknowledgeBy(),
        recipient.deadline(notice));
  }

  /**
   * What the recipient's row stores: as {@link #of}, but off the board once its notice is closed.
   */
  public static WhatIsOwed stored(
      RecipientStage stage,
      Participation participation,
      OffsetDateTime acknowledgeBy,
      OffsetDateTime deadline,
      NoticeState noticeState) {
    WhatIsOwed owed = of(stage, participation, acknowledgeBy, deadline);
    return noticeState == NoticeState.CLOSED
        ? new WhatIsOwed(null, owed.owedBy(), Standing.CLOSED)
        : owed;
  }

  public static WhatIsOwed stored(Notice notice, NoticeRecipient recipient) {
    return stored(
        recipient.stage(),
        recipient.participation(),
        notice.acknowledgeBy(),
        recipient.deadline(notice),
        notice.state());
  }

  /** Something is owed (the watch chases it). */
  public boolean owing() {
    return owed != null;
  }

  /** Owing, and its date has passed (as {@link #OVERDUE_SQL} counts it). */
  public boolean overdueAt(Instant now) {
    return owing() && owedBy != null && owedBy.toInstant().isBefore(now);
  }
}
