package cn.datian.noticeflow.report;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.oversight.Light;
import cn.datian.noticeflow.oversight.OversightRow;
import cn.datian.noticeflow.response.RecipientStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The circulated status report (情况通报): where every recipient of a notice stands at one moment —
 * done, in progress, overdue, declined — written with the same machinery as the consolidated report
 * and the same lights as the oversight board.
 */
@Component
class StatusReportWriter {

  /** The four standings a status report counts. */
  enum Standing {
    DONE("已完成"),
    PENDING("办理中"),
    OVERDUE("已逾期"),
    DECLINED("已谢绝参加"),
    /** An enterprise that has not answered: owes nothing, never overdue. */
    SILENT("未回复");

    final String label;

    Standing(String label) {
      this.label = label;
    }
  }

  private final NoticeflowProperties properties;
  private final DepartmentDirectory directory;

  StatusReportWriter(NoticeflowProperties properties, DepartmentDirectory directory) {
    this.properties = properties;
    this.directory = directory;
  }

  static Standing standing(OversightRow row) {
    if (row.stage() == RecipientStage.ACCEPTED) {
      return Standing.DONE;
    }
    if (row.stage() == RecipientStage.DECLINED) {
      return Standing.DECLINED;
    }
    if (row.light() == Light.SILENT) {
      return Standing.SILENT;
    }
    return row.light() == Light.RED ? Standing.OVERDUE : Standing.PENDING;
  }

  byte[] write(Notice notice, List<OversightRow> rows, OffsetDateTime at) {
    try (Docx doc = new Docx()) {
      doc.title("关于《" + notice.title() + "》落实情况的通报")
          .subtitle(notice.issuer() + "　" + properties.shown(at));

      int[] counts = new int[Standing.values().length];
      rows.forEach(r -> counts[standing(r).ordinal()]++);
      long dueSoon = rows.stream().filter(r -> r.light() == Light.YELLOW).count();
      doc.heading("一、总体情况")
          .paragraph(
              "截至"
                  + properties.shown(at)
                  + "，本通知下发的"
                  + rows.size()
                  + "个部门（单位）中，"
                  + "已完成"
                  + counts[Standing.DONE.ordinal()]
                  + "个，"
                  + "办理中"
                  + counts[Standing.PENDING.ordinal()]
                  + "个（其中三个工作日内到期"
                  + dueSoon
                  + "个），"
                  + "已逾期"
                  + counts[Standing.OVERDUE.ordinal()]
                  + "个，"
                  + "谢绝参加"
                  + counts[Standing.DECLINED.ordinal()]
                  + "个"
                  + (counts[Standing.SILENT.ordinal()] > 0
                      ? "，未回复（自愿参加，不计逾期）" + counts[Standing.SILENT.ordinal()] + "个"
                      : "")
                  + "。");
      // enterprises take part voluntarily: counted apart, as the board does
      List<OversightRow> voluntary =
          rows.stream()
              .filter(r -> directory.find(r.departmentId()).map(d -> d.isVoluntary()).orElse(false))
              .toList();
      if (!voluntary.isEmpty()) {
        long declined = voluntary.stream().filter(r -> standing(r) == Standing.DECLINED).count();
        long silent = voluntary.stream().filter(r -> standing(r) == Standing.SILENT).count();
        doc.paragraph(
            "其中企业（自愿参加）"
                + voluntary.size()
                + "个：参加 "
                + (voluntary.size() - declined - silent)
                + "、谢绝 "
                + declined
                + "、未回复 "
                + silent
                + "。");
      }

      List<String> overdue =
          rows.stream()
              .filter(r -> standing(r) == Standing.OVERDUE)
              .map(
                  r ->
                      r.departmentName()
                          + "（"
                          + r.stageLabel()
                          + "，逾期"
                          + -r.workingDaysLeft()
                          + "个工作日）")
              .toList();
      doc.heading("二、逾期未办结的部门（单位）")
          .paragraph(overdue.isEmpty() ? "无。" : String.join("、", overdue) + "。请上述部门（单位）抓紧办理。");

      List<List<String>> table = new ArrayList<>();
      for (OversightRow r : rows) {
        Standing s = standing(r);
        table.add(
            List.of(
                r.departmentName(),
                s.label,
                r.stageLabel(),
                properties.shown(r.due()),
                s == Standing.PENDING || s == Standing.OVERDUE
                    ? String.valueOf(r.workingDaysLeft())
                    : "—"));
      }
      doc.heading("三、各部门（单位）办理情况")
          .table(List.of("部门（单位）", "情况", "当前环节", "期限", "剩余工作日"), table, "（无）");
      return doc.toBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
