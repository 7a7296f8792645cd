package cn.datian.noticeflow.notice;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.common.TaskInput;
import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.process.ProcessKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issuing a notice and carrying it through its lifecycle: sign-off, publication, consolidation,
 * closing. The {@code notice-lifecycle} process calls in here through thin delegates.
 */
@Service
public class NoticeService {

  /**
   * The draft's fields, as the start form (engine REST), the API and the draft form name them. They
   * are input only: recorded in the notice, then removed from the process.
   */
  public static final List<String> DRAFT_FIELDS =
      List.of(
          "title",
          "number",
          "issuer",
          "issuedOn",
          "body",
          "deadline",
          "acknowledgeBy",
          "recipients",
          "reminderOffsets",
          "enterprises");

  /** What Tasklist shows as the title of a notice still being drafted. */
  static final String UNTITLED_DRAFT = "（通知草稿）";

  /** More than any notice needs (the body's limit and every other field), less than a flood. */
  static final int DRAFT_MAX_CHARS = NoticeValidator.BODY_MAX + 20_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How many declining recipients the consolidation's overview names (the report names all). */
  static final int OVERVIEW_NAMES = 30;

  private final NoticeRepository notices;
  private final NoticeRecipients recipients;
  private final NoticeValidator validator;
  private final DepartmentDirectory directory;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final NoticeflowProperties properties;
  private final FanOutRepository fanOut;

  public NoticeService(
      NoticeRepository notices,
      NoticeRecipients recipients,
      NoticeValidator validator,
      DepartmentDirectory directory,
      RuntimeService runtimeService,
      IdentityService identityService,
      NoticeflowProperties properties,
      FanOutRepository fanOut) {
    this.notices = notices;
    this.recipients = recipients;
    this.fanOut = fanOut;
    this.validator = validator;
    this.directory = directory;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.properties = properties;
  }

  /** What the API answers when a notice is issued. */
  public record IssuedNotice(String noticeId, String processInstanceId) {}

  /**
   * Issues a notice from the API: checks it, records it and starts its lifecycle, all or nothing.
   * The drafter is the engine's authenticated user for the start, so Camunda's own authorization
   * (who may start a notice) applies as it does in Tasklist.
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
              .createProcessInstanceByKey(ProcessKeys.NOTICE_LIFECYCLE)
              .businessKey(noticeId)
              .setVariables(lifecycleVariables(noticeId, draft.title(), draft.number()))
              .execute();
      return new IssuedNotice(noticeId, instance.getId());
    } finally {
      identityService.clearAuthentication();
    }
  }

  /**
   * The lifecycle's first step. A notice issued through the API is recorded already. A start with
   * the draft's fields (the engine REST API, scripts) is checked and recorded as sent to sign-off,
   * or refused (the start rolls back). A start without them (Tasklist's 发起流程) records an empty
   * draft for Task_DraftNotice, where the office writes it at its pace.
   */
  public Map<String, Object> register(
      String noticeId,
      String processInstanceId,
      Map<String, Object> formVariables,
      String drafter) {
    if (noticeId != null && notices.find(noticeId).isPresent()) {
      // Only a notice that has no lifecycle yet (issued through the API a moment ago, in this
      // transaction) is bound; a start that names another notice's id takes nothing over.
      if (!notices.bindProcessInstance(noticeId, processInstanceId)) {
        throw new InvalidNoticeException(
            List.of(new InvalidNoticeException.FieldProblem("noticeId", "该通知已在办理中，不能重复发起")));
      }
      return Map.of();
    }
    String id = noticeId != null ? noticeId : UUID.randomUUID().toString();
    if (DRAFT_FIELDS.stream().noneMatch(f -> !isBlank(formVariables.get(f)))) {
      OffsetDateTime now = EngineTime.nowUtc();
      notices.insert(
          new Notice(
              id,
              null,
              "",
              null,
              null,
              null,
              null,
              null,
              NoticeState.DRAFTING,
              processInstanceId,
              drafter,
              now,
              null,
              null,
              List.of(),
              List.of(),
              null));
      return lifecycleVariables(id, UNTITLED_DRAFT, null);
    }
    NoticeDraft draft = validator.validate(inputOf(formVariables));
    record(id, draft, drafter);
    notices.setProcessInstance(id, processInstanceId);
    return lifecycleVariables(id, draft.title(), draft.number());
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
            draft.reminderOffsets(),
            draft.recipients(),
            null));
    notices.recordStep(new NoticeStep(noticeId, null, StepKind.DRAFTED, drafter, null, now));
  }

  /**
   * What the lifecycle's process carries: the notice id, and its title and number for Tasklist's
   * columns and headings. The text itself stays in the record.
   */
  private static Map<String, Object> lifecycleVariables(
      String noticeId, String title, String number) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("noticeId", noticeId);
    variables.put("noticeTitle", title);
    variables.put("noticeNumber", number == null ? "" : number);
    return variables;
  }

  // --- drafting ---------------------------------------------------------------------------

  /** The draft as its form edits it: the fields, the state, and the head's last return reason. */
  public record DraftView(
      String noticeId,
      NoticeState state,
      Map<String, Object> fields,
      String returnComment,
      Map<String, String> problems) {}

  /**
   * Saves the draft as typed, whatever is still missing or wrong (a draft is never lost), and says
   * what would stop it from going to sign-off, field by field.
   */
  @Transactional
  public DraftView saveDraft(String noticeId, Map<String, Object> given) {
    Notice notice = requireEditable(noticeId);
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String name : DRAFT_FIELDS) {
      Object value = given == null ? null : given.get(name);
      if (value != null
          && !(value instanceof String)
          && !(value instanceof List<?>)
          && !(name.equals("enterprises")
              && (value instanceof Map<?, ?> || value instanceof Boolean))) {
        throw new InvalidNoticeException(
            List.of(
                new InvalidNoticeException.FieldProblem(
                    name, "应为文字 (" + name + " must be a string or a list)")));
      }
      fields.put(name, value);
    }
    String text = write(fields);
    if (text.length() > DRAFT_MAX_CHARS) {
      throw new InvalidNoticeException(
          List.of(
              new InvalidNoticeException.FieldProblem(
                  "body", "正文过长，不能超过" + NoticeValidator.BODY_MAX + "字 (draft too long)")));
    }
    notices.saveDraftText(noticeId, text);
    return new DraftView(
        noticeId, notice.state(), fields, notice.returnComment(), problemsOf(fields));
  }

  /** The draft to edit: as last saved, or (a notice issued through the API) from the record. */
  public DraftView draft(String noticeId) {
    Notice notice = require(noticeId);
    Map<String, Object> fields = draftFields(notice);
    return new DraftView(
        noticeId, notice.state(), fields, notice.returnComment(), problemsOf(fields));
  }

  /**
   * Task_DraftNotice completed: the saved draft is checked like a notice issued through the API
   * and, if it holds, recorded and sent to sign-off; otherwise the completion is refused.
   */
  public Map<String, Object> submitDraft(String noticeId, String user) {
    Notice notice = requireEditable(noticeId);
    Map<String, Object> fields = draftFields(notice);
    NoticeDraft draft = validateDraft(fields);
    notices.updateDraft(noticeId, draft);
    notices.saveDraftText(noticeId, write(formFields(draft)));
    notices.saveReturnComment(noticeId, null);
    notices.updateState(noticeId, NoticeState.AWAITING_SIGN_OFF);
    boolean revision = notice.state() == NoticeState.RETURNED_TO_DRAFTER;
    notices.recordStep(
        new NoticeStep(
            noticeId,
            null,
            revision ? StepKind.REVISED : StepKind.DRAFTED,
            user,
            null,
            EngineTime.nowUtc()));
    return lifecycleVariables(noticeId, draft.title(), draft.number());
  }

  private Notice requireEditable(String noticeId) {
    Notice notice = require(noticeId);
    if (notice.state() != NoticeState.DRAFTING
        && notice.state() != NoticeState.RETURNED_TO_DRAFTER) {
      throw new NoticeConflictException(
          "该通知已送签发，草稿不能再修改 (the notice is not a draft: " + notice.state().code() + ")");
    }
    return notice;
  }

  /**
   * A draft is checked as a notice issued through the API, except that its recipients must be
   * chosen: the API's "none given means all" would surprise a clerk who forgot to tick them.
   */
  private NoticeDraft validateDraft(Map<String, Object> fields) {
    List<InvalidNoticeException.FieldProblem> problems = new ArrayList<>();
    if (isBlank(fields.get("recipients")) && !chosenEnterprises(fields.get("enterprises"))) {
      problems.add(
          new InvalidNoticeException.FieldProblem(
              "recipients", "请选择主送（接收单位） (no recipient chosen)"));
    }
    try {
      NoticeDraft draft = validator.validate(inputOf(fields));
      if (problems.isEmpty()) {
        return draft;
      }
    } catch (InvalidNoticeException e) {
      problems.addAll(e.problems());
    }
    throw new InvalidNoticeException(problems);
  }

  /** Whether a draft's 各有关企业 selection chooses any (every one, or by industry or town). */
  private static boolean chosenEnterprises(Object selection) {
    if (selection instanceof Map<?, ?> m) {
      return Boolean.parseBoolean(String.valueOf(m.get("all")))
          || !isBlank(m.get("industries"))
          || !isBlank(m.get("towns"));
    }
    return selection != null
        && !Boolean.FALSE.equals(selection)
        && !isBlank(selection)
        && !"false".equals(selection.toString().strip());
  }

  private Map<String, String> problemsOf(Map<String, Object> fields) {
    try {
      validateDraft(fields);
      return Map.of();
    } catch (InvalidNoticeException e) {
      Map<String, String> problems = new LinkedHashMap<>();
      e.problems()
          .forEach(
              p ->
                  problems.merge(
                      p.field(), TaskInput.clerkMessage(p.message()), (a, b) -> a + "；" + b));
      return problems;
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> draftFields(Notice notice) {
    return notices
        .draftText(notice.id())
        .map(
            text -> {
              try {
                return (Map<String, Object>) JSON.readValue(text, LinkedHashMap.class);
              } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable draft of notice " + notice.id(), e);
              }
            })
        .orElseGet(() -> formFields(notice));
  }

  /** A recorded notice as the draft form's fields. */
  private Map<String, Object> formFields(Notice n) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("title", n.title());
    fields.put("number", n.number());
    fields.put("issuer", n.issuer());
    fields.put("issuedOn", n.issuedOn() == null ? null : n.issuedOn().toString());
    fields.put("body", n.body());
    fields.put("deadline", n.deadline() == null ? null : formDate(n.deadline()));
    fields.put("acknowledgeBy", n.acknowledgeBy() == null ? null : formDate(n.acknowledgeBy()));
    fields.put("recipients", n.recipientIds());
    fields.put("reminderOffsets", n.reminderOffsets().stream().map(Duration::toString).toList());
    return fields;
  }

  private Map<String, Object> formFields(NoticeDraft d) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("title", d.title());
    fields.put("number", d.number());
    fields.put("issuer", d.issuer());
    fields.put("issuedOn", d.issuedOn().toString());
    fields.put("body", d.body());
    fields.put("deadline", formDate(d.deadline()));
    fields.put("acknowledgeBy", formDate(d.acknowledgeBy()));
    fields.put("recipients", d.recipients());
    fields.put("reminderOffsets", d.reminderOffsets().stream().map(Duration::toString).toList());
    return fields;
  }

  private static String write(Map<String, Object> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isBlank(Object value) {
    return value == null
        || value.toString().isBlank()
        || (value instanceof List<?> l && l.isEmpty());
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

  /** More individual enterprises than this are written 各有关企业 in 主送, not one by one. */
  static final int ENTERPRISES_NAMED_AT_MOST = 5;

  /**
   * The recipients' names as the notice lists them (主送), in the order chosen; many individual
   * enterprises (a notice to 各有关企业, by industry or town) as one 各有关企业, as a 公文 writes it.
   */
  public String recipientNames(List<String> ids) {
    Set<String> departments = Set.copyOf(directory.allIds());
    List<String> enterprises =
        ids.stream()
            .filter(id -> !departments.contains(id))
            .filter(id -> directory.find(id).map(d -> "enterprise".equals(d.kind())).orElse(false))
            .toList();
    boolean collapse = enterprises.size() > ENTERPRISES_NAMED_AT_MOST;
    List<String> names = new ArrayList<>();
    for (String id : ids) {
      if (collapse && enterprises.contains(id)) {
        continue;
      }
      String name = directory.find(id).map(Department::name).orElse(id);
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    if (collapse && !names.contains(ALL_ENTERPRISES)) {
      names.add(ALL_ENTERPRISES);
    }
    return String.join("、", names);
  }

  static final String ALL_ENTERPRISES = "各有关企业";

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
        v.get("reminderOffsets"),
        v.get("enterprises"));
  }

  /** The office head's decision on a draft: publish it, or return it with a reason. */
  public void recordSignOff(String noticeId, boolean approved, String comment, String user) {
    Notice notice = require(noticeId);
    if (notice.state() != NoticeState.AWAITING_SIGN_OFF) {
      throw new IllegalStateException("Notice " + noticeId + " is not awaiting sign-off");
    }
    notices.updateState(
        noticeId, approved ? NoticeState.PUBLISHED : NoticeState.RETURNED_TO_DRAFTER);
    if (!approved) {
      notices.saveReturnComment(noticeId, comment); // the drafter reads it in the draft form
    }
    notices.recordStep(
        new NoticeStep(
            noticeId,
            null,
            approved ? StepKind.SIGN_OFF_APPROVED : StepKind.SIGN_OFF_RETURNED,
            user,
            comment,
            EngineTime.nowUtc()));
  }

  /**
   * Sends the notice out: one recipient row per department, each starting at acknowledgement, and
   * the fan-out's row (ResponseFanOut starts their responses next, in batches). Returns the
   * recipients' department ids.
   */
  public List<String> publish(String noticeId) {
    Notice notice = require(noticeId);
    List<String> ids = new ArrayList<>();
    OffsetDateTime now = EngineTime.nowUtc();
    // 主送 from the record: what was checked at sign-off, never a variable a user could set
    for (String id : notice.recipientIds()) {
      Department department = directory.require(id.toString().strip());
      recipients.open(noticeId, department, now);
      ids.add(department.id());
    }
    fanOut.open(noticeId, now);
    notices.updateState(noticeId, NoticeState.PUBLISHED);
    notices.recordStep(new NoticeStep(noticeId, null, StepKind.PUBLISHED, null, null, now));
    return ids;
  }

  /** Every recipient is done: a short overview for the office's consolidation form. */
  public String startConsolidation(String noticeId) {
    require(noticeId);
    notices.updateState(noticeId, NoticeState.CONSOLIDATING);
    NoticeRecipients.Outcome outcome = recipients.outcome(noticeId);
    List<String> declined =
        outcome.declinedDepartmentIds().stream()
            .map(id -> directory.find(id).map(Department::name).orElse(id))
            .toList();
    StringBuilder overview =
        new StringBuilder()
            .append("共 ")
            .append(outcome.recipients())
            .append(" 个接收单位，")
            .append(outcome.accepted())
            .append(" 个总结已通过审核");
    if (!declined.isEmpty()) {
      // named up to a few dozen: the overview is a string variable (Camunda keeps 4,000 characters)
      overview
          .append("，")
          .append(declined.size())
          .append(" 个自愿谢绝：")
          .append(String.join("、", declined.subList(0, Math.min(declined.size(), OVERVIEW_NAMES))));
      if (declined.size() > OVERVIEW_NAMES) {
        overview.append(" 等");
      }
    }
    long unanswered = outcome.unanswered();
    if (unanswered > 0) {
      overview.append("，").append(unanswered).append(" 个企业未回复（自愿参加，不计逾期）");
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

  /** The notice whose lifecycle runs in this process instance: from the record, not a variable. */
  public Notice requireByProcess(String processInstanceId) {
    return notices
        .findByProcessInstance(processInstanceId)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No notice runs in process instance " + processInstanceId));
  }

  /** For the lifecycle's gateways: the notice's state as the last decision left it. */
  public boolean stateIs(String processInstanceId, String state) {
    return requireByProcess(processInstanceId).state() == NoticeState.valueOf(state);
  }

  /** For the lifecycle's gateways: the last step recorded for the notice itself. */
  public boolean lastStepIs(String processInstanceId, String step) {
    return notices
        .lastNoticeStep(requireByProcess(processInstanceId).id())
        .map(StepKind.valueOf(step)::equals)
        .orElse(false);
  }

  public Notice require(String noticeId) {
    return notices.find(noticeId).orElseThrow(() -> new NoticeNotFoundException(noticeId));
  }
}
