package cn.datian.noticeflow.support;

/** A notice body of exactly 12,000 characters, as official notices run: lines, 一、 and （一）, tabs. */
public final class LongNoticeBody {

  private LongNoticeBody() {}

  public static String of12000() {
    StringBuilder body = new StringBuilder("根据县委、县政府部署，现将有关事项通知如下。\n\n");
    String[] numbers = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    for (int section = 0; body.length() < 12_000; section++) {
      body.append(numbers[section % 10]).append("、第").append(section + 1).append("部分\n");
      for (int item = 0; item < 3; item++) {
        body.append("  （")
            .append(numbers[item])
            .append("）各部门要认真组织开展质量提升行动，")
            .append("按照“质量第一”的要求，做好宣传、培训、检查和帮扶工作，确保活动取得实效。\t第")
            .append(section)
            .append('-')
            .append(item)
            .append("条。\n");
      }
    }
    return body.substring(0, 12_000);
  }
}
