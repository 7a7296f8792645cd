package cn.datian.noticeflow.report;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.directory.Participation;
import cn.datian.noticeflow.evidence.Evidence;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.notice.StepKind;
import cn.datian.noticeflow.report.NoticeReportData.DepartmentPart;
import cn.datian.noticeflow.response.ActivityKind;
import cn.datian.noticeflow.response.ActivityRecord;
import cn.datian.noticeflow.response.RecipientStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The consolidated report (汇总报告) as a Word document: an overview of every recipient, the office's
 * summary, then each department's part — acknowledgement, activities, evidence index, review rounds
 * and outcome, and the reminders, urges and escalations it received.
 */
@Component
class ConsolidatedReportWriter {

  static final Set<StepKind> ACKNOWLEDGEMENT =
      EnumSet.of(StepKind.ACKNOWLEDGED, StepKind.DECLINED, StepKind.NO_ANSWER);
  static final Set<StepKind> REVIEW =
      EnumSet.of(
          StepKind.EVIDENCE_SUBMITTED,
          StepKind.HEAD_SIGNED_OFF,
          StepKind.HEAD_RETURNED,
          StepKind.REVIEW_ACCEPTED,
          StepKind.REVIEW_RETURNED);
  static final Set<StepKind> CHASING =
      EnumSet.of(
          StepKind.REMINDED,
          StepKind.URGED,
          StepKind.ESCALATED,
          StepKind.SUPERVISED,
          StepKind.EXTENSION_REQUESTED,
          StepKind.EXTENSION_APPROVED,
          StepKind.EXTENSION_REJECTED);

  private final NoticeflowProperties properties;

  ConsolidatedReportWriter(NoticeflowProperties properties) {
    this.properties = properties;
  }

  byte[] write(NoticeReportData data, OffsetDateTime at, Function<String, String> personName) {
    Notice notice = data.notice();
    try (Docx doc = new Docx()) {
      doc.title(notice.title() + "汇总报告")
          .subtitle(notice.issuer() + (notice.number() == null ? "" : "　" + notice.number()))
          .subtitle("生成时间：" + properties.shown(at));

      doc.heading("一、基本情况").paragraph(overview(data));
      List<List<String>> rows = new ArrayList<>();
      for (DepartmentPart part : data.departments()) {
        rows.add(
            List.of(
                part.departmentName(),
                acknowledgedAt(part),
                part.recipient().stage().label(),
                String.valueOf(reviewRounds(part)),
                String.valueOf(part.activities().size()),
                String.valueOf(part.evidence().size()),
                String.valueOf(count(part, StepKind.REMINDED)),
                String.valueOf(count(part, StepKind.URGED)),
                String.valueOf(count(part, StepKind.ESCALATED))));
      }
      doc.table(
          List.of("部门（单位）", "签收时间", "结果", "审核轮次", "活动", "佐证材料", "提醒", "催办", "督办"), rows, "（无）");

      doc.heading("二、办公室汇总意见")
          .paragraph(
              notice.consolidatedSummary() == null || notice.consolidatedSummary().isBlank()
                  ? "（办公室尚未填写汇总意见。）"
                  : notice.consolidatedSummary());

      doc.heading("三、各部门（单位）落实情况");
      int n = 0;
      for (DepartmentPart part : data.departments()) {
        department(doc, ++n, part, personName);
      }
      doc.paragraph("办理记录校验值（SHA-256）：" + data.recordHash());
      return doc.toBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void department(
      Docx doc, int n, DepartmentPart part, Function<String, String> personName) {
    doc.subheading("（" + chineseNumber(n) + "）" + part.departmentName());
    NoticeStep ack = last(part, ACKNOWLEDGEMENT);
    if (ack == null) {
      doc.paragraph("签收：尚未签收。");
    } else if (ack.step() == StepKind.NO_ANSWER) {
      // voluntary: silence is an answer of its own, never overdue (section 五)
      doc.paragraph("未回复：截至" + properties.shown(ack.doneAt()) + "答复期限已过，未报名参加也未谢绝（自愿参加，不计逾期）。");
    } else if (ack.step() == StepKind.DECLINED) {
      doc.paragraph(
          "谢绝参加："
              + properties.shown(ack.doneAt())
              + "，"
              + personName.apply(ack.userId())
              + "。理由："
              + Objects.requireNonNullElse(part.recipient().declineReason(), "未说明")
              + "。");
    } else {
      doc.paragraph(
          "签收："
              + properties.shown(ack.doneAt())
              + "，"
              + personName.apply(ack.userId())
              + (ack.comment() == null || ack.comment().isBlank() ? "" : "（" + ack.comment() + "）")
              + "。");
    }
    String voluntary =
        part.recipient().participation() == Participation.VOLUNTARY ? "（自愿参加单位）" : "";
    doc.paragraph(
        part.recipient().stage() == RecipientStage.DECLINED
            ? "结果：已谢绝参加" + voluntary + "。"
            : part.recipient().stage() == RecipientStage.NO_ANSWER
                ? "结果：未回复" + voluntary + "。"
                : "结果："
                    + part.recipient().stage().label()
                    + "，经办公室审核"
                    + reviewRounds(part)
                    + "轮（退回"
                    + count(part, StepKind.REVIEW_RETURNED)
                    + "次）"
                    + voluntary
                    + "。");

    doc.paragraph("活动记录：");
    doc.table(
        List.of("日期", "活动", "类型", "地点", "参加人数", "说明"),
        part.activities().stream().map(ConsolidatedReportWriter::activityRow).toList(),
        "（未登记活动。）");

    doc.paragraph("佐证材料：");
    doc.table(
        List.of("文件名", "类型", "大小", "SHA-256"),
        part.evidence().stream().map(ConsolidatedReportWriter::evidenceRow).toList(),
        "（未提交佐证材料。）");

    doc.paragraph("审核过程：");
    doc.table(List.of("时间", "环节", "办理人", "意见"), stepRows(part, REVIEW, personName), "（尚未提交审核。）");

    doc.paragraph("提醒、催办和督办：");
    doc.table(
        List.of("时间", "事项", "办理人", "内容"), stepRows(part, CHASING, personName), "（未收到提醒、催办或督办。）");
  }

  private String overview(NoticeReportData data) {
    long accepted =
        data.departments().stream()
            .filter(p -> p.recipient().stage() == RecipientStage.ACCEPTED)
            .count();
    long declined =
        data.departments().stream()
            .filter(p -> p.recipient().stage() == RecipientStage.DECLINED)
            .count();
    long unanswered =
        data.departments().stream()
            .filter(p -> p.recipient().stage() == RecipientStage.NO_ANSWER)
            .count();
    long open = data.departments().size() - accepted - declined - unanswered;
    Notice notice = data.notice();
    return "本通知于"
        + notice.issuedOn()
        + "印发，下发"
        + data.departments().size()
        + "个部门（单位），"
        + "截止时间"
        + properties.shown(notice.deadline())
        + "。其中"
        + accepted
        + "个部门（单位）的总结已审核通过，"
        + declined
        + "个自愿参加的单位谢绝参加"
        + (unanswered > 0 ? "，" + unanswered + "个自愿参加的单位未回复（不计逾期）" : "")
        + (open > 0 ? "，" + open + "个尚在办理" : "")
        + "。";
  }

  private List<List<String>> stepRows(
      DepartmentPart part, Set<StepKind> kinds, Function<String, String> personName) {
    return part.steps().stream()
        .filter(s -> kinds.contains(s.step()))
        .map(
            s ->
                List.of(
                    properties.shown(s.doneAt()),
                    s.step().label(),
                    s.userId() == null ? "系统" : personName.apply(s.userId()),
                    Objects.requireNonNullElse(s.comment(), "")))
        .toList();
  }

  private String acknowledgedAt(DepartmentPart part) {
    NoticeStep ack = last(part, ACKNOWLEDGEMENT);
    return ack == null ? "未签收" : properties.shown(ack.doneAt());
  }

  private static NoticeStep last(DepartmentPart part, Set<StepKind> kinds) {
    NoticeStep found = null;
    for (NoticeStep s : part.steps()) {
      if (kinds.contains(s.step())) {
        found = s;
      }
    }
    return found;
  }

  /** Each office review is one round, whether it accepted or returned the summary. */
  private static long reviewRounds(DepartmentPart part) {
    return count(part, StepKind.REVIEW_ACCEPTED) + count(part, StepKind.REVIEW_RETURNED);
  }

  private static long count(DepartmentPart part, StepKind kind) {
    return part.steps().stream().filter(s -> s.step() == kind).count();
  }

  private static List<String> activityRow(ActivityRecord a) {
    return List.of(
        String.valueOf(a.activityDate()),
        Objects.requireNonNullElse(a.title(), ""),
        ActivityKind.LABELS.getOrDefault(a.kind(), Objects.requireNonNullElse(a.kind(), "")),
        Objects.requireNonNullElse(a.place(), ""),
        a.participants() == null ? "" : String.valueOf(a.participants()),
        Objects.requireNonNullElse(a.description(), ""));
  }

  private static List<String> evidenceRow(Evidence e) {
    return List.of(e.originalName(), e.kind().label(), size(e.size()), e.sha256());
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format("%.1f KB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
    return String.format("%.2f GB", bytes / (1024.0 * 1024 * 1024));
  }

  static String chineseNumber(int n) {
    String digits = "零一二三四五六七八九";
    if (n < 10) {
      return String.valueOf(digits.charAt(n));
    }
    if (n < 20) {
      return "十" + (n % 10 == 0 ? "" : String.valueOf(digits.charAt(n % 10)));
    }
    if (n < 100) {
      return digits.charAt(n / 10)
          + "十"
          + (n % 10 == 0 ? "" : String.valueOf(digits.charAt(n % 10)));
    }
    return String.valueOf(n);
  }
}
