package cn.datian.noticeflow.notice;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.EngineTime;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issuing a notice and carrying it through its lifecycle: sign-off, publication, consolidation,
 * closing. The {@code notice-lifecycle} process calls in here through thin delegates.
 */
@Service
public class NoticeService {

  /** The longest recipient list the forms edit as text (and Camunda keeps as a string). */
  static final int FORM_LIST_LIMIT = 2000;

  public static final String PROCESS_KEY = "notice-lifecycle";

  /** Process variables the start form and the revision form use for the draft's fields. */
  static final List<String> DRAFT_VARIABLES =
      List.of(
          "title", "number", "issuer", "issuedOn", "body", "deadline", "acknowledgeBy",
          "recipients");

  private final NoticeRepository notices;
  private final NoticeValidator validator;
  private final DepartmentDirectory directory;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final NoticeflowProperties properties;

  public NoticeService(
      NoticeRepository notices,
      NoticeValidator validator,
      DepartmentDirectory directory,
      RuntimeService runtimeService,
      IdentityService identityService,
      NoticeflowProperties properties) {
    this.notices = notices;
    this.validator = validator;
    this.directory = directory;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.properties = properties;
  }

  /** What the API answers when a notice is issued. */
  public record IssuedNotice(String noticeId, String processInstanceId) {}

  /**
   * Issues a notice from the API: checks it, records it and starts its lifecycle, all or
   * nothing. The drafter is the engine's authenticated user for the start, so Camunda's own
   * authorization (who may start a notice) applies as it does in Tasklist.
   */
  @Transactional
  public IssuedNotice issue(NoticeInput input, String drafter, List<String> drafterGroups) {
    NoticeDraft draft = validator.validate(input);
    String noticeId = UUID.randomUUID().toString();
    record(noticeId, draft, drafter);
    identityService.setAuthentication(drafter, drafterGroups);
    try {
      ProcessInstance instance =
          runtimeService
              .createProcessInstanceByKey(PROCESS_KEY)
              .businessKey(noticeId)
              .setVariables(lifecycleVariables(noticeId, draft))
              .execute();
      return new IssuedNotice(noticeId, instance.getId());
    } finally {
      identityService.clearAuthentication();
    }
  }

  /**
   * The lifecycle's first step. A notice issued through the API is recorded already; one
   * started from Tasklist's start form arrives as form variables, is checked here, and is
   * refused (the start rolls back) if it is not valid.
   */
  public Map<String, Object> register(
      String noticeId, String processInstanceId, Map<String, Object> formVariables, String drafter) {
    if (noticeId != null && notices.find(noticeId).isPresent()) {
      // Only a notice that has no lifecycle yet (issued through the API a moment ago, in this
      // transaction) is bound; a start that names another notice's id takes nothing over.
      if (!notices.bindProcessInstance(noticeId, processInstanceId)) {
        throw new InvalidNoticeException(
            List.of(new InvalidNoticeException.FieldProblem("noticeId", "该通知已在办理中，不能重复发起")));
      }
      return Map.of();
    }
    NoticeDraft draft = validator.validate(inputOf(formVariables));
    String id = noticeId != null ? noticeId : UUID.randomUUID().toString();
    record(id, draft, drafter);
    notices.setProcessInstance(id, processInstanceId);
    return lifecycleVariables(id, draft);
  }

  private void record(String noticeId, NoticeDraft draft, String drafter) {
    OffsetDateTime now = EngineTime.nowUtc();
    notices.insert(
        new Notice(
            noticeId,
            draft.number(),
            draft.title(),
            draft.issuer(),
            draft.issuedOn(),
            draft.body(),
            draft.deadline(),
            draft.acknowledgeBy(),
            NoticeState.AWAITING_SIGN_OFF,
            null,
            drafter,
            now,
            null,
            null,
            draft.reminderOffsets()));
    notices.recordStep(new NoticeStep(noticeId, null, StepKind.DRAFTED, drafter, null, now));
  }

  /**
   * The variables the lifecycle's forms show. The record stays the source of truth; the draft
   * fields are here so the sign-off and revision forms can show and edit them.
   */
  private Map<String, Object> lifecycleVariables(String noticeId, NoticeDraft draft) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("noticeId", noticeId);
    variables.put("noticeTitle", draft.title());
    variables.putAll(draftVariables(draft));
    return variables;
  }

  private Map<String, Object> draftVariables(NoticeDraft draft) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("title", draft.title());
    variables.put("number", draft.number());
    variables.put("issuer", draft.issuer());
    variables.put("issuedOn", draft.issuedOn().toString());
    variables.put("body", draft.body());
    variables.put("deadline", formDate(draft.deadline()));
    variables.put("acknowledgeBy", formDate(draft.acknowledgeBy()));
    // A string variable lives in a 4000-character column, and the forms edit the list as text
    // of up to FORM_LIST_LIMIT characters: a notice to thousands of departments (issued through
    // the API) keeps its list as a JSON list instead.
    String joined = String.join(",", draft.recipients());
    variables.put("recipients", joined.length() <= FORM_LIST_LIMIT
        ? joined
        : Variables.objectValue(new ArrayList<>(draft.recipients()))
            .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
    variables.put("recipientNames", recipientNames(draft.recipients()));
    variables.put(
        "reminderOffsets",
        draft.reminderOffsets().stream().map(Duration::toString).collect(Collectors.joining(",")));
    return variables;
  }

  /**
   * A deadline as the forms show it: the date alone when it is the end of that day (what a
   * date-only entry means), the full ISO date-time otherwise.
   */
  private String formDate(OffsetDateTime time) {
    OffsetDateTime local = time.atZoneSameInstant(properties.zone()).toOffsetDateTime();
    return local.toLocalTime().equals(NoticeValidator.END_OF_DAY)
        ? local.toLocalDate().toString()
        : local.toString();
  }

  /** The recipients' names for the sign-off form; a long list is cut, with the count. */
  private String recipientNames(List<String> ids) {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < ids.size(); i++) {
      String name = directory.require(ids.get(i)).name();
      if (names.length() + name.length() > FORM_LIST_LIMIT) {
        return names + " 等" + ids.size() + "个部门（单位）";
      }
      names.append(i == 0 ? "" : "、").append(name);
    }
    return names.toString();
  }

  static NoticeInput inputOf(Map<String, Object> v) {
    return new NoticeInput(
        v.get("title"),
        v.get("number"),
        v.get("issuer"),
        v.get("issuedOn"),
        v.get("body"),
        v.get("deadline"),
        v.get("acknowledgeBy"),
        v.get("recipients"),
        v.get("reminderOffsets"));
  }

  /** The office head's decision on a draft: publish it, or return it with a reason. */
  public void recordSignOff(String noticeId, boolean approved, String comment, String user) {
    Notice notice = require(noticeId);
    if (notice.state() != NoticeState.AWAITING_SIGN_OFF) {
      throw new IllegalStateException("Notice " + noticeId + " is not awaiting sign-off");
    }
    notices.updateState(
        noticeId, approved ? NoticeState.PUBLISHED : NoticeState.RETURNED_TO_DRAFTER);
    notices.recordStep(
        new NoticeStep(
            noticeId,
            null,
            approved ? StepKind.SIGN_OFF_APPROVED : StepKind.SIGN_OFF_RETURNED,
            user,
            comment,
            EngineTime.nowUtc()));
  }

  /** The drafter's revision after a return; checked like a new notice. */
  public Map<String, Object> revise(String noticeId, Map<String, Object> formVariables, String user) {
    NoticeDraft draft = validator.validate(inputOf(formVariables));
    require(noticeId);
    notices.updateDraft(noticeId, draft);
    notices.updateState(noticeId, NoticeState.AWAITING_SIGN_OFF);
    notices.recordStep(
        new NoticeStep(noticeId, null, StepKind.REVISED, user, null, EngineTime.nowUtc()));
    Map<String, Object> variables = draftVariables(draft);
    variables.put("noticeTitle", draft.title());
    return variables;
  }

  /**
   * Sends the notice out: one recipient row per department, each starting at acknowledgement.
   * Returns the department ids the lifecycle fans out to.
   */
  public List<String> publish(String noticeId, Object recipients) {
    require(noticeId);
    List<String> ids = new ArrayList<>();
    OffsetDateTime now = EngineTime.nowUtc();
    List<?> given = recipients instanceof List<?> list ? list : List.of(recipients.toString().split(","));
    for (Object id : given) {
      Department department = directory.require(id.toString().strip());
      notices.insertRecipient(noticeId, department, RecipientStage.ACKNOWLEDGING, now);
      ids.add(department.id());
    }
    notices.updateState(noticeId, NoticeState.PUBLISHED);
    notices.recordStep(new NoticeStep(noticeId, null, StepKind.PUBLISHED, null, null, now));
    return ids;
  }

  /** Every recipient is done: a short overview for the office's consolidation form. */
  public String startConsolidation(String noticeId) {
    require(noticeId);
    notices.updateState(noticeId, NoticeState.CONSOLIDATING);
    List<NoticeRecipient> recipients = notices.recipients(noticeId);
    long accepted = recipients.stream().filter(r -> r.stage() == RecipientStage.ACCEPTED).count();
    List<String> declined =
        recipients.stream()
            .filter(r -> r.stage() == RecipientStage.DECLINED)
            .map(r -> directory.find(r.departmentId()).map(Department::name).orElse(r.departmentId()))
            .toList();
    StringBuilder overview =
        new StringBuilder()
            .append("共 ")
            .append(recipients.size())
            .append(" 个接收单位，")
            .append(accepted)
            .append(" 个总结已通过审核");
    if (!declined.isEmpty()) {
      overview.append("，").append(declined.size()).append(" 个自愿谢绝：").append(String.join("、", declined));
    }
    return overview.append("。").toString();
  }

  public void recordConsolidation(String noticeId, String summary, String user) {
    require(noticeId);
    notices.saveConsolidatedSummary(noticeId, summary);
    notices.recordStep(
        new NoticeStep(noticeId, null, StepKind.CONSOLIDATED, user, null, EngineTime.nowUtc()));
  }

  public void recordConsolidationSignOff(
      String noticeId, boolean approved, String comment, String user) {
    require(noticeId);
    notices.recordStep(
        new NoticeStep(
            noticeId,
            null,
            approved ? StepKind.CONSOLIDATION_APPROVED : StepKind.CONSOLIDATION_RETURNED,
            user,
            comment,
            EngineTime.nowUtc()));
  }

  public void close(String noticeId) {
    require(noticeId);
    OffsetDateTime now = EngineTime.nowUtc();
    notices.close(noticeId, now);
    notices.recordStep(new NoticeStep(noticeId, null, StepKind.CLOSED, null, null, now));
  }

  /** The recipient row of a department on a notice; 404-worthy when either is unknown. */
  public NoticeRecipient requireRecipient(String noticeId, String departmentId) {
    require(noticeId);
    return notices
        .recipient(noticeId, departmentId)
        .orElseThrow(
            () -> new NoSuchRecipientException(departmentId + " 不是该通知的接收单位 (not a recipient)"));
  }

  /** The notice whose lifecycle runs in this process instance: from the record, not a variable. */
  public Notice requireByProcess(String processInstanceId) {
    return notices
        .findByProcessInstance(processInstanceId)
        .orElseThrow(() -> new IllegalStateException("No notice runs in process instance " + processInstanceId));
  }

  /** For the lifecycle's gateways: the notice's state as the last decision left it. */
  public boolean stateIs(String processInstanceId, String state) {
    return requireByProcess(processInstanceId).state() == NoticeState.valueOf(state);
  }

  /** For the lifecycle's gateways: the last step recorded for the notice itself. */
  public boolean lastStepIs(String processInstanceId, String step) {
    return notices.lastNoticeStep(requireByProcess(processInstanceId).id())
        .map(StepKind.valueOf(step)::equals)
        .orElse(false);
  }

  public Notice require(String noticeId) {
    return notices
        .find(noticeId)
        .orElseThrow(() -> new NoticeNotFoundException(noticeId));
  }
}
