package cn.datian.noticeflow.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Section 五 of the notice: enterprises take part voluntarily (不得强制企业参与). */
public enum Participation {
  MANDATORY,
  VOLUNTARY;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Participation fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT));
  }
}
