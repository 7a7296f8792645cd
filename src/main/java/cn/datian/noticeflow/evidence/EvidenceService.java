package cn.datian.noticeflow.evidence;

import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.common.TaskInput;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.response.DepartmentResponses;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * Evidence: upload (streamed to the content store, type detected from the content, size
 * limited per kind), listing, download and removal, each for the right people at the right
 * moment. A refused upload leaves no row and no file.
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

  public EvidenceService(
      ContentStore store,
      ContentTypes contentTypes,
      EvidenceRepository evidence,
      NoticeService noticeService,
      TaskService taskService,
      EvidenceProperties properties,
      DepartmentResponses responses) {
    this.responses = responses;
    this.store = store;
    this.contentTypes = contentTypes;
    this.evidence = evidence;
    this.noticeService = noticeService;
    this.taskService = taskService;
    this.properties = properties;
  }

  public Evidence upload(
      String noticeId, String departmentId, String originalName, InputStream content, CurrentUser user)
      throws IOException {
    return upload(noticeId, departmentId, originalName, user, () -> store.receive(content));
  }

  /**
   * An upload the servlet container has already spooled to disk (a multipart part): its file is
   * moved into the store, not copied (see {@link ContentStore#receive(ContentStore.Transfer)}).
   */
  public Evidence uploadSpooled(
      String noticeId, String departmentId, String originalName, ContentStore.Transfer spooled, CurrentUser user)
      throws IOException {
    return upload(noticeId, departmentId, originalName, user, () -> store.receive(spooled));
  }

  private interface Receiver {
    ContentStore.Incoming receive() throws IOException;
  }

  /**
   * Whether this user may upload to this department now: the notice names it, the user is one
   * of its people and its evidence task is open. Asked before an upload's body is read.
   */
  public void requireMayUpload(String noticeId, String departmentId, CurrentUser user) {
    responses.requireRecipient(noticeId, departmentId);
    if (!user.groupIds().contains(departmentId)) {
      throw new EvidenceRejectedException(403, "只有本部门人员可以上传佐证材料 (only " + departmentId + "'s users upload)");
    }
    requireUploadOpen(noticeId, departmentId);
  }

  private Evidence upload(
      String noticeId, String departmentId, String originalName, CurrentUser user, Receiver receiver)
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
              .orElseThrow(
                  () ->
                      new EvidenceRejectedException(
                          400,
                          "“" + name + "”不是可接受的文件：只接受文档（PDF、OFD、Word、WPS、Excel、PowerPoint、文本）、图片（JPG、PNG 等）和视频（MP4 等）"));
      DataSize limit = properties.limitOf(type.kind());
      if (incoming.size() > limit.toBytes()) {
        throw new EvidenceRejectedException(
            400,
            "“" + name + "”过大：" + type.kind().label() + "不能超过 " + limit.toMegabytes() + " MB");
      }
      Evidence stored =
          new Evidence(
              UUID.randomUUID().toString(), noticeId, departmentId, name, type.contentType(), type.kind(),
              incoming.size(), incoming.sha256(), user.id(), EngineTime.nowUtc());
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
   * What the evidence task hands on: the ids of the department's evidence, refused if there is
   * no document among it (the notice asks for the summary as an electronic document).
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
        .orElseThrow(() -> new EvidenceRejectedException(404, "佐证材料不存在 (no evidence " + evidenceId + ")"));
  }

  private static void requireReader(String departmentId, CurrentUser user) {
    if (!user.groupIds().contains(departmentId) && !user.hasOversight()) {
      throw new EvidenceRejectedException(403, "无权查看该部门的佐证材料 (not allowed)");
    }
  }

  private void requireUploadOpen(String noticeId, String departmentId) {
    long open =
        taskService.createTaskQuery()
            .processDefinitionKey(DepartmentResponses.PROCESS_KEY)
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
    if (name.contains("/") || name.contains("\\") || name.contains("..") || name.chars().anyMatch(c -> c < 0x20)
        || name.length() > NAME_MAX) {
      throw new EvidenceRejectedException(
          400, "file: 文件名不能含路径或控制字符，且不超过255字 (bad file name: " + name + ")");
    }
    return name;
  }
}
