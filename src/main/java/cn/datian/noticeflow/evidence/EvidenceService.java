package cn.datian.noticeflow.evidence;

import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.common.TaskInput;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.process.ProcessKeys;
import cn.datian.noticeflow.response.DepartmentResponses;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Evidence: upload (streamed to the content store, type detected from the content, size limited per
 * kind), listing, download and removal, each for the right people at the right moment. A refused
 * upload leaves no row and no file.
 */
@Service
public class EvidenceService {

  static final String UPLOAD_TASK = "Task_UploadEvidence";
  private static final int NAME_MAX = 255;

  private final ContentStore store;
  private final ContentTypes contentTypes;
  private final EvidenceRepository evidence;
  private final NoticeService noticeService;
  private final TaskService taskService;
  private final EvidenceProperties properties;
  private final DepartmentResponses responses;
  private final TransactionTemplate transactions;

  public EvidenceService(
      ContentStore store,
      ContentTypes contentTypes,
      EvidenceRepository evidence,
      NoticeService noticeService,
      TaskService taskService,
      EvidenceProperties properties,
      DepartmentResponses responses,
      PlatformTransactionManager transactionManager) {
    this.responses = responses;
    this.transactions = new TransactionTemplate(transactionManager);
    this.store = store;
    this.contentTypes = contentTypes;
    this.evidence = evidence;
    this.noticeService = noticeService;
    this.taskService = taskService;
    this.properties = properties;
  }

  public Evidence upload(
      String noticeId,
      String departmentId,
      String originalName,
      InputStream content,
      CurrentUser user)
      throws IOException {
    return upload(noticeId, departmentId, originalName, user, () -> store.receive(content));
  }

  /** At most this many files in one request (the upload form sends one per request). */
  static final int MAX_FILES_PER_REQUEST = 20;

  /** What multipart framing may add to a request beyond its files' bytes (boundaries, headers). */
  private static final long FRAMING_ALLOWANCE = 1024 * 1024;

  /**
   * The largest request body that can hold an acceptable upload: told at once from its declared
   * length (Content-Length), before the first byte is read.
   */
  public void requireDeclaredSize(long contentLength) {
    long largest = largestLimit();
    if (contentLength > largest + FRAMING_ALLOWANCE) {
      throw new EvidenceRejectedException(
          413, "上传内容过大：单个文件不能超过 " + DataSize.ofBytes(largest).toMegabytes() + " MB");
    }
  }

  private long largestLimit() {
    long largest = 0;
    for (EvidenceKind kind : EvidenceKind.values()) {
      largest = Math.max(largest, properties.limitOf(kind).toBytes());
    }
    return largest;
  }

  /**
   * Evidence straight from a multipart request body (parts named "file"): each file's first 64 KiB
   * tell its type and so its size limit before a byte is stored, then the rest streams into the
   * content store under a temporary name, hashed as it is written, and is refused the moment it
   * passes the limit. Only when the whole body has arrived are the files given their names and
   * rows, together: a refused file, a broken body or a dropped connection leaves no row and no
   * file, not even of the request's earlier files. The caller has checked {@link #requireMayUpload}
   * before reading the body.
   */
  public List<Evidence> uploadStreamed(
      String noticeId, String departmentId, MultipartStream body, CurrentUser user)
      throws IOException {
    List<Received> received = new ArrayList<>();
    try {
      long total = 0;
      MultipartStream.Part part;
      while ((part = body.next()) != null) {
        String originalName = fileNameOf(part);
        if (originalName == null) {
          continue; // another field: skipped unread
        }
        if (received.size() == MAX_FILES_PER_REQUEST) {
          throw new EvidenceRejectedException(
              400, "一次最多上传 " + MAX_FILES_PER_REQUEST + " 个文件，请分批上传");
        }
        String name = checkName(originalName);
        InputStream content = part.content();
        byte[] head = new byte[ContentTypes.HEAD_BYTES];
        int headLength = content.readNBytes(head, 0, head.length);
        if (headLength == 0) {
          throw new EvidenceRejectedException(400, "“" + name + "”是空文件，请重新选择");
        }
        ContentTypes.FirstLook look = contentTypes.firstLook(head, headLength, name);
        if (!look.accepted()) {
          throw notAcceptable(name);
        }
        DataSize limit = properties.limitOf(look.kind());
        ContentStore.Incoming incoming =
            store.receive(
                head,
                headLength,
                content,
                limit.toBytes(),
                () -> tooLarge(name, look.kind(), limit));
        received.add(new Received(incoming, name, null));
        ContentTypes.Detected type =
            contentTypes.secondLook(look, incoming.file()).orElseThrow(() -> notAcceptable(name));
        received.set(received.size() - 1, new Received(incoming, name, type));
        total += incoming.size();
        if (total > largestLimit() + FRAMING_ALLOWANCE) {
          throw new EvidenceRejectedException(413, "上传内容过大，请分批上传");
        }
      }
      if (received.isEmpty()) {
        throw new EvidenceRejectedException(400, "file: 请选择要上传的文件 (no file part)");
      }
      // the task may have been completed while a large file was arriving
      requireUploadOpen(noticeId, departmentId);
      return keep(noticeId, departmentId, received, user);
    } catch (MultipartStream.MalformedException e) {
      throw new EvidenceRejectedException(
          400, "上传不完整或格式错误：请求体应为完整的 multipart/form-data，请重新上传 (" + e.getMessage() + ")");
    } catch (MultipartStream.BrokenConnectionException e) {
      throw new EvidenceRejectedException(400, "上传中断：文件未传完，连接已断开，未保存任何内容，请重新上传");
    } finally {
      for (Received r : received) {
        store.discard(r.incoming()); // no-op once kept
      }
    }
  }

  private record Received(
      ContentStore.Incoming incoming, String name, ContentTypes.Detected type) {}

  /** Gives the received files their names and rows; if a row fails, none of them stays. */
  private List<Evidence> keep(
      String noticeId, String departmentId, List<Received> received, CurrentUser user)
      throws IOException {
    List<Evidence> stored = new ArrayList<>();
    try {
      for (Received r : received) {
        Evidence e =
            new Evidence(
                UUID.randomUUID().toString(),
                noticeId,
                departmentId,
                r.name(),
                r.type().contentType(),
                r.type().kind(),
                r.incoming().size(),
                r.incoming().sha256(),
                user.id(),
                EngineTime.nowUtc());
        store.keep(r.incoming(), e.id());
        stored.add(e);
      }
      transactions.executeWithoutResult(status -> stored.forEach(evidence::insert));
      return stored;
    } catch (IOException | RuntimeException e) {
      for (Evidence kept : stored) {
        store.delete(kept.id());
      }
      throw e;
    }
  }

  /**
   * The file name of a part named "file" that carries one (possibly empty); null for any other
   * part.
   */
  private static String fileNameOf(MultipartStream.Part part) {
    String disposition = part.header("content-disposition");
    if (disposition == null) {
      return null;
    }
    ContentDisposition parsed;
    try {
      parsed = ContentDisposition.parse(disposition);
    } catch (IllegalArgumentException e) {
      throw new EvidenceRejectedException(
          400, "上传不完整或格式错误：文件的 Content-Disposition 无法识别 (bad part header)");
    }
    return "file".equals(parsed.getName()) ? parsed.getFilename() : null;
  }

  private static EvidenceRejectedException notAcceptable(String name) {
    return new EvidenceRejectedException(
        400,
        "“"
            + name
            + "”不是可接受的文件：只接受文档（PDF、OFD、Word、WPS、Excel、PowerPoint、文本）、图片（JPG、PNG 等）和视频（MP4 等）");
  }

  private static EvidenceRejectedException tooLarge(
      String name, EvidenceKind kind, DataSize limit) {
    return new EvidenceRejectedException(
        400, "“" + name + "”过大：" + kind.label() + "不能超过 " + limit.toMegabytes() + " MB");
  }

  private interface Receiver {
    ContentStore.Incoming receive() throws IOException;
  }

  /**
   * Whether this user may upload to this department now: the notice names it, the user is one of
   * its people and its evidence task is open. Asked before an upload's body is read.
   */
  public void requireMayUpload(String noticeId, String departmentId, CurrentUser user) {
    responses.requireRecipient(noticeId, departmentId);
    if (!user.groupIds().contains(departmentId)) {
      throw new EvidenceRejectedException(
          403, "只有本部门人员可以上传佐证材料 (only " + departmentId + "'s users upload)");
    }
    requireUploadOpen(noticeId, departmentId);
  }

  private Evidence upload(
      String noticeId,
      String departmentId,
      String originalName,
      CurrentUser user,
      Receiver receiver)
      throws IOException {
    requireMayUpload(noticeId, departmentId, user);
    String name = checkName(originalName);

    ContentStore.Incoming incoming = receiver.receive();
    try {
      if (incoming.size() == 0) {
        throw new EvidenceRejectedException(400, "“" + name + "”是空文件，请重新选择");
      }
      StringBuilder detected = new StringBuilder();
      ContentTypes.Detected type =
          contentTypes
              .classify(incoming.file(), name, detected)
              .orElseThrow(() -> notAcceptable(name));
      DataSize limit = properties.limitOf(type.kind());
      if (incoming.size() > limit.toBytes()) {
        throw tooLarge(name, type.kind(), limit);
      }
      Evidence stored =
          new Evidence(
              UUID.randomUUID().toString(),
              noticeId,
              departmentId,
              name,
              type.contentType(),
              type.kind(),
              incoming.size(),
              incoming.sha256(),
              user.id(),
              EngineTime.nowUtc());
      store.keep(incoming, stored.id());
      try {
        evidence.insert(stored);
      } catch (RuntimeException e) {
        store.delete(stored.id());
        throw e;
      }
      return stored;
    } finally {
      store.discard(incoming); // no-op once kept
    }
  }

  public List<Evidence> list(String noticeId, String departmentId, CurrentUser user) {
    responses.requireRecipient(noticeId, departmentId);
    requireReader(departmentId, user);
    return evidence.stored(noticeId, departmentId);
  }

  public Evidence find(String evidenceId, CurrentUser user) {
    Evidence found = require(evidenceId);
    requireReader(found.departmentId(), user);
    return found;
  }

  public InputStream open(Evidence found) throws IOException {
    return store.open(found.id());
  }

  public void delete(String evidenceId, CurrentUser user) throws IOException {
    Evidence found = require(evidenceId);
    if (!user.groupIds().contains(found.departmentId())) {
      throw new EvidenceRejectedException(403, "只有本部门人员可以删除佐证材料 (only the department's users)");
    }
    requireUploadOpen(found.noticeId(), found.departmentId());
    evidence.markDeleted(found.id(), user.id(), EngineTime.nowUtc());
    store.delete(found.id());
  }

  public List<Evidence> stored(String noticeId, String departmentId) {
    return evidence.stored(noticeId, departmentId);
  }

  /**
   * What the evidence task hands on: the ids of the department's evidence, refused if there is no
   * document among it (the notice asks for the summary as an electronic document).
   */
  public List<String> requireElectronicSummary(String noticeId, String departmentId) {
    List<Evidence> stored = evidence.stored(noticeId, departmentId);
    if (stored.stream().noneMatch(e -> e.kind() == EvidenceKind.DOCUMENT)) {
      throw TaskInput.invalid("evidence", "请先上传活动总结的电子文档（PDF、Word、WPS 等）");
    }
    return stored.stream().map(Evidence::id).toList();
  }

  private Evidence require(String evidenceId) {
    try {
      UUID.fromString(evidenceId);
    } catch (IllegalArgumentException e) {
      throw new EvidenceRejectedException(404, "佐证材料不存在 (no evidence " + evidenceId + ")");
    }
    return evidence
        .findStored(evidenceId)
        .orElseThrow(
            () -> new EvidenceRejectedException(404, "佐证材料不存在 (no evidence " + evidenceId + ")"));
  }

  private static void requireReader(String departmentId, CurrentUser user) {
    if (!user.groupIds().contains(departmentId) && !user.hasOversight()) {
      throw new EvidenceRejectedException(403, "无权查看该部门的佐证材料 (not allowed)");
    }
  }

  private void requireUploadOpen(String noticeId, String departmentId) {
    long open =
        taskService
            .createTaskQuery()
            .processDefinitionKey(ProcessKeys.DEPARTMENT_RESPONSE)
            .processInstanceBusinessKey(noticeId)
            .processVariableValueEquals("departmentId", departmentId)
            .taskDefinitionKey(UPLOAD_TASK)
            .count();
    if (open == 0) {
      throw new EvidenceRejectedException(
          409, "该部门当前不在“提交总结和佐证材料”环节，不能上传或删除 (the evidence task is not open)");
    }
  }

  /** A file name as stored and shown: no path, no control characters, at most 255 characters. */
  public static String checkName(String originalName) {
    if (originalName == null || originalName.isBlank()) {
      throw new EvidenceRejectedException(400, "file: 缺少文件名 (no file name)");
    }
    String name = originalName.strip();
    if (name.contains("/")
        || name.contains("\\")
        || name.contains("..")
        || name.chars().anyMatch(c -> c < 0x20)
        || name.length() > NAME_MAX) {
      throw new EvidenceRejectedException(
          400, "file: 文件名不能含路径或控制字符，且不超过255字 (bad file name: " + name + ")");
    }
    return name;
  }
}
