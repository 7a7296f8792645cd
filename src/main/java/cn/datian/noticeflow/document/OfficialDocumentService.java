package cn.datian.noticeflow.document;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.evidence.ContentStore;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.report.DocumentKind;
import cn.datian.noticeflow.report.NoticeDocument;
import cn.datian.noticeflow.report.NoticeDocumentRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Writes the signed notice as its GB/T 9704 document and keeps it, versioned like the reports, as
 * the notice's first attachment.
 */
@Service
public class OfficialDocumentService {

  private final NoticeService noticeService;
  private final AttachmentService attachments;
  private final OfficialDocumentWriter writer;
  private final NoticeDocumentRepository documents;
  private final ContentStore store;
  private final NoticeflowProperties properties;

  public OfficialDocumentService(
      NoticeService noticeService,
      AttachmentService attachments,
      OfficialDocumentWriter writer,
      NoticeDocumentRepository documents,
      ContentStore store,
      NoticeflowProperties properties) {
    this.noticeService = noticeService;
    this.attachments = attachments;
    this.writer = writer;
    this.documents = documents;
    this.store = store;
    this.properties = properties;
  }

  public NoticeDocument write(String noticeId, String user) {
    Notice notice = noticeService.require(noticeId);
    byte[] bytes =
        writer.write(
            new OfficialDocumentWriter.Content(
                notice.issuer(),
                notice.number(),
                notice.title(),
                noticeService.recipientNames(notice.recipientIds()),
                notice.body(),
                attachments.uploaded(noticeId).stream()
                    .map(a -> withoutExtension(a.originalName()))
                    .toList(),
                notice.issuedOn()));
    OffsetDateTime now = EngineTime.nowUtc();
    int version = documents.nextVersion(noticeId, DocumentKind.OFFICIAL);
    String fileName =
        (notice.number() == null || notice.number().isBlank() ? "" : notice.number() + " ")
            + notice.title()
            + (version == 1 ? "" : "（第" + version + "版）")
            + ".docx";
    try {
      ContentStore.Incoming incoming = store.receive(new ByteArrayInputStream(bytes));
      NoticeDocument document =
          new NoticeDocument(
              UUID.randomUUID().toString(),
              noticeId,
              DocumentKind.OFFICIAL,
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

  static String withoutExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
