package cn.datian.noticeflow.oversight;

import cn.datian.noticeflow.response.WhatIsOwed;
import cn.datian.noticeflow.response.WhatIsOwed.Standing;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The board's traffic light for one department on one notice: what it owes ({@link WhatIsOwed})
 * against the time left. {@link #of} says it in Java for one row; {@link #ranges} says the same
 * over the stored columns, as ranges of the board's index, for the SQL that filters and counts.
 */
public enum Light {
  /** On time, or done. */
  GREEN("正常"),
  /** Three working days or fewer left. */
  YELLOW("即将到期"),
  /** Past its deadline and still owing. */
  RED("已逾期"),
  /** Declined (enterprises take part voluntarily): never overdue. */
  GREY("已谢绝"),
  /**
   * A voluntary recipient (an enterprise) that has not answered: it owes nothing, so it is never
   * overdue, never chased and never escalated (section 五: 坚持自愿参加、不增加企业负担).
   */
  SILENT("未回复");

  private final String label;

  Light(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Owing: red once its date has passed, yellow before {@code dueSoonLimit} (the start of the
   * fourth working day from today: three working days or fewer left), else green. Delivered: green.
   * Declined: grey. An enterprise's silence: 未回复.
   */
  public static Light of(WhatIsOwed owed, Instant now, Instant dueSoonLimit) {
    return switch (owed.standing()) {
      case OWING ->
          owed.overdueAt(now)
              ? RED
              : owed.owedBy().toInstant().isBefore(dueSoonLimit) ? YELLOW : GREEN;
      case DECLINED -> GREY;
      case SILENT -> SILENT;
      case SETTLED, CLOSED -> GREEN;
    };
  }

  /**
   * {@link #of} over the stored columns of {@code notice_recipient r} (parameters {@code :now} and
   * {@code :dueSoonLimit}): each range one stretch of the board's index, so a light is counted and
   * listed from the index alone. Green is two ranges (owing with time, delivered).
   */
  List<String> ranges() {
    String owing = "r.standing = " + Standing.OWING.code();
    return switch (this) {
      case RED -> List.of(WhatIsOwed.OVERDUE_SQL);
      case YELLOW -> List.of(owing + " and r.owed_by >= :now and r.owed_by < :dueSoonLimit");
      case GREEN ->
          List.of(
              owing + " and r.owed_by >= :dueSoonLimit", "r.standing = " + Standing.SETTLED.code());
      case GREY -> List.of("r.standing = " + Standing.DECLINED.code());
      case SILENT -> List.of("r.standing = " + Standing.SILENT.code());
    };
  }

  public static Light parse(String code) {
    return code == null || code.isBlank() ? null : valueOf(code.strip().toUpperCase(Locale.ROOT));
  }
}
