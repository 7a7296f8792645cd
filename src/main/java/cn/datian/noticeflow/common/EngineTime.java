package cn.datian.noticeflow.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * "Now" as the engine sees it. Process tests move the engine clock to drive timers; reading time
 * through here keeps the project's own records on the same clock.
 */
public final class EngineTime {

  private EngineTime() {}

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public static OffsetDateTime nowUtc() {
    return now().atOffset(ZoneOffset.UTC);
  }
}
