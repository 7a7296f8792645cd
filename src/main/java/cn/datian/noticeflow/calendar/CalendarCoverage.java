package cn.datian.noticeflow.calendar;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.EngineTime;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether next year's holidays are entered. The State Council publishes them in the autumn; a
 * missing year silently counts weekends only, so from 1 November the board and the health endpoint
 * say so until the office enters it.
 */
@Component
public class CalendarCoverage {

  static final int WARN_FROM_MONTH = 11;

  private final CalendarStore store;
  private final NoticeflowProperties properties;

  public CalendarCoverage(CalendarStore store, NoticeflowProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  /** The year that should be entered by now and is not (empty: all is well). */
  public Optional<Integer> missingYear() {
    LocalDate today = EngineTime.now().atZone(properties.zone()).toLocalDate();
    var years = store.current().years();
    if (!years.contains(today.getYear())) {
      return Optional.of(today.getYear());
    }
    if (today.getMonthValue() >= WARN_FROM_MONTH && !years.contains(today.getYear() + 1)) {
      return Optional.of(today.getYear() + 1);
    }
    return Optional.empty();
  }

  /** The board's line, in Chinese. */
  public Optional<String> notice() {
    return missingYear().map(y -> "尚未录入" + y + "年节假日安排：" + y + "年的期限目前只按周末计算，请办公室在“节假日”页面录入。");
  }
}
