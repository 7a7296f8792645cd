package cn.datian.noticeflow.report;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.AsSystem;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.evidence.ContentStore;
import cn.datian.noticeflow.evidence.EvidenceRepository;
import cn.datian.noticeflow.notice.AuditTrail;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.oversight.OversightRow;
import cn.datian.noticeflow.oversight.OversightService;
import cn.datian.noticeflow.report.NoticeReportData.DepartmentPart;
import cn.datian.noticeflow.response.ActivityRepository;
import cn.datian.noticeflow.response.NoticeRecipient;
import cn.datian.noticeflow.response.ResponseRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

/**
 * Writes the notice's documents: the consolidated report (stored, versioned) and the status report
 * (written on request from the notice's standing at that moment, not stored).
 */
@Service
public class ReportService {

  private final NoticeService noticeService;
  private final NoticeRepository notices;
  private final ActivityRepository activities;
  private final EvidenceRepository evidence;
  private final DepartmentDirectory directory;
  private final OversightService oversight;
  private final NoticeDocumentRepository documents;
  private final ContentStore store;
  private final ConsolidatedReportWriter consolidatedWriter;
  private final StatusReportWriter statusWriter;
  private final IdentityService identityService;
  private final NoticeflowProperties properties;
  private final AuditTrail auditTrail;
  private final ResponseRepository recipients;

  public ReportService(
      NoticeService noticeService,
      NoticeRepository notices,
      ActivityRepository activities,
      EvidenceRepository evidence,
      DepartmentDirectory directory,
      OversightService oversight,
      NoticeDocumentRepository documents,
      ContentStore store,
      ConsolidatedReportWriter consolidatedWriter,
      StatusReportWriter statusWriter,
      IdentityService identityService,
      NoticeflowProperties properties,
      AuditTrail auditTrail,
      ResponseRepository recipients) {
    this.recipients = recipients;
    this.auditTrail = auditTrail;
    this.noticeService = noticeService;
    this.notices = notices;
    this.activities = activities;
    this.evidence = evidence;
    this.directory = directory;
    this.oversight = oversight;
    this.documents = documents;
    this.store = store;
    this.consolidatedWriter = consolidatedWriter;
    this.statusWriter = statusWriter;
    this.identityService = identityService;
    this.properties = properties;
  }

  /** Writes and keeps a new version of the consolidated report; the latest is the one shown. */
  public NoticeDocument writeConsolidatedReport(String noticeId, String user) {
    Notice notice = noticeService.require(noticeId);
    OffsetDateTime now = EngineTime.nowUtc();
    byte[] bytes = consolidatedWriter.write(gather(notice), now, this::personName);
    int version = documents.nextVersion(noticeId, DocumentKind.CONSOLIDATED);
    String fileName = notice.title() + "汇总报告（第" + version + "版）.docx";
    return keep(notice, DocumentKind.CONSOLIDATED, version, fileName, bytes, user, now);
  }

  /** The status report of this moment, written for download. */
  public GeneratedDocument statusReport(String noticeId) {
    Notice notice = noticeService.require(noticeId);
    OffsetDateTime now = EngineTime.nowUtc();
    List<OversightRow> rows = new ArrayList<>(oversight.rowsOf(notice, now.toInstant()));
    rows.sort(java.util.Comparator.comparing(OversightRow::departmentId, directory.noticeOrder()));
    byte[] bytes = statusWriter.write(notice, rows, now);
    String day = now.atZoneSameInstant(properties.zone()).toLocalDate().toString();
    return new GeneratedDocument(notice.title() + "情况通报（" + day + "）.docx", bytes);
  }

  public record GeneratedDocument(String fileName, byte[] content) {}

  public List<NoticeDocument> documents(String noticeId) {
    noticeService.require(noticeId);
    // the reports only: the notice's own 公文 is listed with its attachments (document package)
    return documents.all(noticeId).stream().filter(d -> d.kind() != DocumentKind.OFFICIAL).toList();
  }

  public NoticeDocument latestConsolidatedReport(String noticeId) {
    noticeService.require(noticeId);
    return documents
        .latest(noticeId, DocumentKind.CONSOLIDATED)
        .orElseThrow(
            () -> new NoDocumentException("汇总报告尚未生成：各部门办结后自动生成 (no consolidated report yet)"));
  }

  public NoticeDocument document(String noticeId, String documentId) {
    return documents
        .find(noticeId, documentId)
        .orElseThrow(() -> new NoDocumentException("没有这份文档 (no such document " + documentId + ")"));
  }

  public InputStream open(NoticeDocument document) throws IOException {
    return store.open(document.id());
  }

  NoticeReportData gather(Notice notice) {
    List<DepartmentPart> parts = new ArrayList<>();
    List<NoticeStep> steps = notices.steps(notice.id());
    List<NoticeRecipient> recipients = new ArrayList<>(this.recipients.recipients(notice.id()));
    recipients.sort(
        java.util.Comparator.comparing(NoticeRecipient::departmentId, directory.noticeOrder()));
    for (NoticeRecipient r : recipients) {
      parts.add(
          new DepartmentPart(
              directory.find(r.departmentId()).map(Department::name).orElse(r.departmentId()),
              r,
              steps.stream().filter(s -> r.departmentId().equals(s.departmentId())).toList(),
              activities.find(notice.id(), r.departmentId()),
              evidence.stored(notice.id(), r.departmentId())));
    }
    return new NoticeReportData(notice, parts, auditTrail.audit(notice.id()).finalHash());
  }

  /** "县交通局联络员（transport-clerk）": a name as people know it, with the account behind it. */
  private String personName(String userId) {
    User user =
        AsSystem.call(
            identityService, () -> identityService.createUserQuery().userId(userId).singleResult());
    if (user == null) {
      return userId;
    }
    // Names here are written family-first, as Chinese names are: firstName then lastName.
    String name =
        (Objects.requireNonNullElse(user.getFirstName(), "")
                + Objects.requireNonNullElse(user.getLastName(), ""))
            .strip();
    return name.isEmpty() ? userId : name + "（" + userId + "）";
  }

  private NoticeDocument keep(
      Notice notice,
      DocumentKind kind,
      int version,
      String fileName,
      byte[] bytes,
      String user,
      OffsetDateTime now) {
    try {
      ContentStore.Incoming incoming = store.receive(new ByteArrayInputStream(bytes));
      NoticeDocument document =
          new NoticeDocument(
              UUID.randomUUID().toString(),
              notice.id(),
              kind,
              version,
              fileName,
              incoming.size(),
              incoming.sha256(),
              user,
              now);
      documents.insert(document);
      store.keep(incoming, document.id());
      return document;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
