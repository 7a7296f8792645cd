package cn.datian.noticeflow.document;

import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.evidence.ContentStore;
import cn.datian.noticeflow.evidence.ContentTypes;
import cn.datian.noticeflow.evidence.EvidenceProperties;
import cn.datian.noticeflow.evidence.EvidenceRejectedException;
import cn.datian.noticeflow.evidence.EvidenceService;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.report.DocumentKind;
import cn.datian.noticeflow.report.NoticeDocument;
import cn.datian.noticeflow.report.NoticeDocumentRepository;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * A notice's attachments: the office adds and removes them while the notice is its draft (until the
 * head signs it off); every reader downloads them. Stored like evidence: streamed into the content
 * store, the type from the content (Tika; OFD recognised), SHA-256, limits.
 */
@Service
public class AttachmentService {

  private final NoticeService noticeService;
  private final NoticeReaders readers;
  private final AttachmentRepository attachments;
  private final NoticeDocumentRepository documents;
  private final ContentStore store;
  private final ContentTypes contentTypes;
  private final EvidenceProperties limits;

  public AttachmentService(
      NoticeService noticeService,
      NoticeReaders readers,
      AttachmentRepository attachments,
      NoticeDocumentRepository documents,
      ContentStore store,
      ContentTypes contentTypes,
      EvidenceProperties limits) {
    this.noticeService = noticeService;
    this.readers = readers;
    this.attachments = attachments;
    this.documents = documents;
    this.store = store;
    this.contentTypes = contentTypes;
    this.limits = limits;
  }

  /** Asked before an upload's body is read: the office, and the notice still a draft. */
  public Notice requireMayChange(String noticeId, CurrentUser user) {
    Notice notice = noticeService.require(noticeId);
    if (!user.isIssuer()) {
      throw new EvidenceRejectedException(403, "只有领导小组办公室可以添加或删除通知附件 (office only)");
    }
    if (!NoticeReaders.DRAFT_STATES.contains(notice.state())) {
      throw new EvidenceRejectedException(409, "通知已签发，附件不能再添加或删除 (the notice is signed off)");
    }
    return notice;
  }

  public NoticeAttachment upload(
      String noticeId, String originalName, ContentStore.Transfer spooled, CurrentUser user)
      throws IOException {
    requireMayChange(noticeId, user);
    String name = EvidenceService.checkName(originalName);
    ContentStore.Incoming incoming = store.receive(spooled);
    try {
      if (incoming.size() == 0) {
        throw new EvidenceRejectedException(400, "“" + name + "”是空文件，请重新选择");
      }
      StringBuilder detected = new StringBuilder();
      ContentTypes.Detected type =
          contentTypes
              .classify(incoming.file(), name, detected)
              .orElseThrow(
                  () ->
                      new EvidenceRejectedException(
                          400,
                          "“"
                              + name
                              + "”不是可接受的文件：只接受文档（PDF、OFD、Word、WPS、Excel、PowerPoint、文本）、图片和视频"));
      DataSize limit = limits.limitOf(type.kind());
      if (incoming.size() > limit.toBytes()) {
        throw new EvidenceRejectedException(
            400, "“" + name + "”过大：" + type.kind().label() + "不能超过 " + limit.toMegabytes() + " MB");
      }
      NoticeAttachment stored =
          new NoticeAttachment(
              UUID.randomUUID().toString(),
              noticeId,
              name,
              type.contentType(),
              incoming.size(),
              incoming.sha256(),
              user.id(),
              EngineTime.nowUtc(),
              false,
              null);
      store.keep(incoming, stored.id());
      try {
        attachments.insert(stored);
      } catch (RuntimeException e) {
        store.delete(stored.id());
        throw e;
      }
      return stored;
    } finally {
      store.discard(incoming); // no-op once kept
    }
  }

  public void delete(String noticeId, String attachmentId, CurrentUser user) throws IOException {
    requireMayChange(noticeId, user);
    NoticeAttachment found =
        attachments
            .findStored(noticeId, checkId(attachmentId))
            .orElseThrow(
                () ->
                    new EvidenceRejectedException(
                        404, "附件不存在 (no attachment " + attachmentId + ")"));
    attachments.markDeleted(found.id(), user.id(), EngineTime.nowUtc());
    store.delete(found.id());
  }

  /** Every attachment a reader may download: the signed 公文 first, then the office's files. */
  public List<NoticeAttachment> list(String noticeId, CurrentUser user) {
    Notice notice = noticeService.require(noticeId);
    readers.requireReader(notice, user);
    return all(noticeId);
  }

  List<NoticeAttachment> all(String noticeId) {
    List<NoticeAttachment> all = new ArrayList<>();
    official(noticeId).ifPresent(all::add);
    all.addAll(attachments.stored(noticeId));
    return all;
  }

  /** The office's own uploads only (for the 公文's 附件 line). */
  List<NoticeAttachment> uploaded(String noticeId) {
    return attachments.stored(noticeId);
  }

  public NoticeAttachment find(String noticeId, String attachmentId, CurrentUser user) {
    Notice notice = noticeService.require(noticeId);
    readers.requireReader(notice, user);
    String id = checkId(attachmentId);
    return attachments
        .findStored(noticeId, id)
        .or(
            () ->
                documents
                    .find(noticeId, id)
                    .filter(d -> d.kind() == DocumentKind.OFFICIAL)
                    .map(AttachmentService::asAttachment))
        .orElseThrow(
            () -> new EvidenceRejectedException(404, "附件不存在 (no attachment " + attachmentId + ")"));
  }

  public InputStream open(NoticeAttachment attachment) throws IOException {
    return store.open(attachment.id());
  }

  private Optional<NoticeAttachment> official(String noticeId) {
    return documents.latest(noticeId, DocumentKind.OFFICIAL).map(AttachmentService::asAttachment);
  }

  static NoticeAttachment asAttachment(NoticeDocument d) {
    return new NoticeAttachment(
        d.id(),
        d.noticeId(),
        d.fileName(),
        OfficialDocumentWriter.DOCX,
        d.size(),
        d.sha256(),
        d.createdBy(),
        d.createdAt(),
        true,
        d.version());
  }

  private static String checkId(String id) {
    try {
      UUID.fromString(id);
      return id;
    } catch (IllegalArgumentException e) {
      throw new EvidenceRejectedException(404, "附件不存在 (no attachment " + id + ")");
    }
  }
}
