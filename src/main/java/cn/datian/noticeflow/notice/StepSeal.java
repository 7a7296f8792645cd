package cn.datian.noticeflow.notice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The seal of one recorded step: SHA-256 over what the step says and the seal of the step before it
 * in the same chain. Changing, inserting or deleting a row breaks every seal after it.
 *
 * <p>One chain per recipient (and one for the notice's own steps) rather than one per notice:
 * twenty departments finishing at the same moment then never wait for each other's lock.
 */
public final class StepSeal {

  /** The seal a chain starts from. */
  public static final String GENESIS = "0".repeat(64);

  private StepSeal() {}

  /**
   * Time as stored: both databases keep microseconds, Java clocks may give nanoseconds; a seal over
   * the nanoseconds would not match the row read back.
   */
  public static OffsetDateTime storable(OffsetDateTime time) {
    return time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  public static String of(NoticeStep step, String previousHash) {
    // Unit separators between fields: "a|b" + "c" and "a" + "b|c" must not seal alike.
    String content =
        String.join(
            "\u001f",
            "v1",
            step.noticeId(),
            nullable(step.departmentId()),
            step.step().name(),
            nullable(step.userId()),
            nullable(step.comment()),
            storable(step.doneAt()).toInstant().toString(),
            previousHash);
    return sha256(content);
  }

  /** One value for a whole record: SHA-256 over every chain's name and last seal, in name order. */
  public static String ofHeads(java.util.SortedMap<String, String> heads) {
    StringBuilder content = new StringBuilder("heads-v1");
    heads.forEach(
        (chain, head) -> content.append('\u001e').append(chain).append('\u001f').append(head));
    return sha256(content.toString());
  }

  private static String sha256(String content) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String nullable(String value) {
    return value == null ? "\u0000" : value;
  }
}
