package cn.datian.noticeflow.response;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.common.TaskInput;
import cn.datian.noticeflow.directory.Department;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.directory.Participation;
import cn.datian.noticeflow.notice.Notice;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.notice.StepKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * One department's work on one notice: acknowledgement, activities, evidence, the head's sign-off
 * and the office's review. The {@code department-response} process calls in here through thin task
 * listeners; each step moves the recipient's stage and is logged with the user who did it.
 */
@Service
public class DepartmentResponseService {

  private static final int MAX_ACTIVITIES = 200;

  private final NoticeRepository notices;
  private final NoticeService noticeService;
  private final ActivityRepository activities;
  private final DepartmentDirectory directory;
  private final NoticeflowProperties properties;
  private final ObjectMapper objectMapper;
  private final ResponseRepository recipients;

  public DepartmentResponseService(
      NoticeRepository notices,
      NoticeService noticeService,
      ActivityRepository activities,
      DepartmentDirectory directory,
      NoticeflowProperties properties,
      ObjectMapper objectMapper,
      ResponseRepository recipients) {
    this.recipients = recipients;
    this.notices = notices;
    this.noticeService = noticeService;
    this.activities = activities;
    this.directory = directory;
    this.properties = properties;
    this.objectMapper = objectMapper;
  }

  /** The variables one department's response runs on: read from the record, not passed in. */
  public Map<String, Object> open(String noticeId, String departmentId) {
    Notice notice = noticeService.require(noticeId);
    Department department = directory.require(departmentId);
    Map<String, Object> v = new HashMap<>();
    v.put("noticeTitle", notice.title());
    v.put("noticeNumber", notice.number() == null ? "" : notice.number());
    v.put("departmentName", department.name());
    v.put("participation", department.participation().code());
    v.put("voluntary", department.isVoluntary());
    v.put("acknowledgeBy", Date.from(notice.acknowledgeBy().toInstant()));
    v.put("deadline", Date.from(notice.deadline().toInstant()));
    v.put("acknowledgeByText", shown(notice.acknowledgeBy()));
    v.put("deadlineText", shown(notice.deadline()));
    v.put("assignedActivities", directory.assignedActivitiesText(department));
    return v;
  }

  private String shown(OffsetDateTime time) {
    return properties.shown(time);
  }

  /** 签收: the department confirms receipt, or, if it takes part voluntarily, declines. */
  public void acknowledge(
      String noticeId,
      String departmentId,
      boolean participates,
      String contactName,
      String contactPhone,
      String declineReason,
      String user) {
    if (participates) {
      take(
          Step.ACKNOWLEDGE,
          noticeId,
          departmentId,
          user,
          (recipient, now) -> {
            recipients.saveContact(noticeId, departmentId, contactName, contactPhone);
            return contactLine(contactName, contactPhone);
          });
      return;
    }
    take(
        Step.DECLINE,
        noticeId,
        departmentId,
        user,
        (recipient, now) -> {
          if (recipient.participation() != Participation.VOLUNTARY) {
            throw TaskInput.invalid(
                "acknowledgement", "本单位须参加，不能谢绝 (only voluntary participants may decline)");
          }
          recipients.saveDeclineReason(noticeId, departmentId, declineReason);
          return declineReason;
        });
  }

  /**
   * A voluntary recipient's answer deadline passed without an answer (the answer watch's timer,
   * EndEvent_NoAnswer): its response ends as 未回复, recorded as a step of the engine's. Never a
   * reminder, an escalation or a red light: taking part is voluntary (section 五).
   */
  public void noAnswer(String noticeId, String departmentId, OffsetDateTime answerBy) {
    // the engine's step: no user takes it
    take(
        Step.NO_ANSWER,
        noticeId,
        departmentId,
        null,
        (recipient, now) -> {
          if (recipient.participation() != Participation.VOLUNTARY) {
            // the BPMN routes mandatory departments past the answer watch; this guards the rule
            // itself
            throw new IllegalStateException(
                departmentId + " must take part: it cannot end unanswered");
          }
          return "答复期限 " + shown(answerBy) + " 已过，未报名参加也未谢绝（自愿参加，不计逾期）";
        });
  }

  private static String contactLine(String name, String phone) {
    return phone == null ? "联系人：" + name : "联系人：" + name + "，电话：" + phone;
  }

  /**
   * The department's activity list as the form submitted it (a JSON array from Tasklist's dynamic
   * list). The latest submission replaces the earlier one.
   */
  public List<ActivityRecord> recordActivities(
      String noticeId, String departmentId, Object submitted, String user) {
    List<List<ActivityRecord>> recorded = new ArrayList<>(1);
    take(
        Step.RECORD_ACTIVITIES,
        noticeId,
        departmentId,
        user,
        (recipient, now) -> {
          List<ActivityRecord> list = parseActivities(submitted);
          activities.replace(noticeId, departmentId, list, user, now);
          recorded.add(list);
          return list.size() + " 项活动";
        });
    return recorded.get(0);
  }

  List<ActivityRecord> parseActivities(Object submitted) {
    if (submitted == null) {
      throw TaskInput.invalid("activities", "请至少登记一项活动 (record at least one activity)");
    }
    List<ActivityRecord> list;
    try {
      String json =
          submitted instanceof String s
              ? s
              : submitted instanceof List<?> || submitted instanceof Map<?, ?>
                  ? objectMapper.writeValueAsString(submitted)
                  : submitted.toString(); // Spin's JSON node prints as JSON
      list = objectMapper.readValue(json, new TypeReference<List<ActivityRecord>>() {});
    } catch (JsonProcessingException e) {
      throw TaskInput.invalid(
          "activities",
          "活动记录格式有误，日期应为 yyyy-MM-dd (activities are malformed: " + e.getOriginalMessage() + ")");
    }
    if (list == null || list.isEmpty()) {
      throw TaskInput.invalid("activities", "请至少登记一项活动 (record at least one activity)");
    }
    if (list.size() > MAX_ACTIVITIES) {
      throw TaskInput.invalid("activities", "活动不能超过" + MAX_ACTIVITIES + "项");
    }
    LocalDate today = EngineTime.now().atZone(properties.zone()).toLocalDate();
    for (int i = 0; i < list.size(); i++) {
      ActivityRecord a = list.get(i);
      String at = "activities[" + (i + 1) + "].";
      if (a == null) {
        throw TaskInput.invalid("activities", "第" + (i + 1) + "项活动为空");
      }
      if (a.activityDate() == null) {
        throw TaskInput.invalid(at + "activityDate", "请填写活动日期");
      }
      if (a.activityDate().isAfter(today)) {
        throw TaskInput.invalid(at + "activityDate", "活动日期不能晚于今天 (no future activities)");
      }
      if (a.title() == null || a.title().isBlank() || a.title().length() > 300) {
        throw TaskInput.invalid(at + "title", "请填写活动名称（不超过300字）");
      }
      if (a.kind() == null || !ActivityKind.LABELS.containsKey(a.kind())) {
        throw TaskInput.invalid(
            at + "kind", "请选择活动类型 (one of " + ActivityKind.LABELS.keySet() + ")");
      }
      if (a.participants() != null && (a.participants() < 0 || a.participants() > 1_000_000)) {
        throw TaskInput.invalid(at + "participants", "参加人数应在 0 到 1000000 之间");
      }
      if (a.place() != null && a.place().length() > 300) {
        throw TaskInput.invalid(at + "place", "地点不能超过300字");
      }
      if (a.description() != null && a.description().length() > 4000) {
        throw TaskInput.invalid(at + "description", "活动说明不能超过4000字");
      }
    }
    return list;
  }

  /** The department hands in its summary and evidence for its head's sign-off. */
  public void submitEvidence(
      String noticeId, String departmentId, String summary, String paperCopy, String user) {
    take(Step.SUBMIT_EVIDENCE, noticeId, departmentId, user, (recipient, now) -> paperCopy);
  }

  /** The department head signs the summary off to the office, or returns it to the clerks. */
  public void headSignOff(
      String noticeId, String departmentId, boolean approved, String comment, String user) {
    take(
        approved ? Step.HEAD_SIGN_OFF : Step.HEAD_RETURN,
        noticeId,
        departmentId,
        user,
        (recipient, now) -> comment);
  }

  /** The office accepts the summary, or returns it with comments for another round. */
  public void review(
      String noticeId, String departmentId, boolean accepted, String comment, String user) {
    take(
        accepted ? Step.ACCEPT : Step.RETURN,
        noticeId,
        departmentId,
        user,
        (recipient, now) -> {
          if (!accepted) {
            recipients.countReviewRound(noticeId, departmentId);
          }
          return comment;
        });
  }

  public List<ActivityRecord> activitiesOf(String noticeId, String departmentId) {
    return activities.find(noticeId, departmentId);
  }

  /** Activities and evidence are worked on after acknowledgement and after every return. */
  private static final Set<RecipientStage> WORKING =
      EnumSet.of(RecipientStage.EXECUTING, RecipientStage.RETURNED);

  /**
   * The steps of a response: the stages each may start from, the stage it moves the recipient to
   * (null: it stays) and the step it records.
   */
  enum Step {
    ACKNOWLEDGE(
        EnumSet.of(RecipientStage.ACKNOWLEDGING), RecipientStage.EXECUTING, StepKind.ACKNOWLEDGED),
    DECLINE(EnumSet.of(RecipientStage.ACKNOWLEDGING), RecipientStage.DECLINED, StepKind.DECLINED),
    RECORD_ACTIVITIES(WORKING, null, StepKind.ACTIVITIES_RECORDED),
    SUBMIT_EVIDENCE(WORKING, RecipientStage.AWAITING_SIGN_OFF, StepKind.EVIDENCE_SUBMITTED),
    HEAD_SIGN_OFF(
        EnumSet.of(RecipientStage.AWAITING_SIGN_OFF),
        RecipientStage.IN_REVIEW,
        StepKind.HEAD_SIGNED_OFF),
    HEAD_RETURN(
        EnumSet.of(RecipientStage.AWAITING_SIGN_OFF),
        RecipientStage.RETURNED,
        StepKind.HEAD_RETURNED),
    ACCEPT(EnumSet.of(RecipientStage.IN_REVIEW), RecipientStage.ACCEPTED, StepKind.REVIEW_ACCEPTED),
    RETURN(EnumSet.of(RecipientStage.IN_REVIEW), RecipientStage.RETURNED, StepKind.REVIEW_RETURNED),
    /** A voluntary recipient's answer deadline passed unanswered (the answer watch). */
    NO_ANSWER(
        EnumSet.of(RecipientStage.ACKNOWLEDGING), RecipientStage.NO_ANSWER, StepKind.NO_ANSWER);

    final Set<RecipientStage> from;
    final RecipientStage to;
    final StepKind recorded;

    Step(Set<RecipientStage> from, RecipientStage to, StepKind recorded) {
      this.from = from;
      this.to = to;
      this.recorded = recorded;
    }
  }

  /** What a step stores besides the stage (contact, reason, activities …); returns its comment. */
  @FunctionalInterface
  interface StepDetail {
    String store(NoticeRecipient recipient, OffsetDateTime now);
  }

  /**
   * Takes one step of a department's response, in the caller's transaction: checks that the
   * recipient stands where the step starts, stores the step's details, moves the recipient on and
   * records the step with the user who took it.
   */
  private void take(
      Step step, String noticeId, String departmentId, String user, StepDetail detail) {
    NoticeRecipient recipient = require(noticeId, departmentId);
    if (!step.from.contains(recipient.stage())) {
      throw new IllegalStateException(
          departmentId
              + " on notice "
              + noticeId
              + " is "
              + recipient.stage()
              + (step.from == WORKING
                  ? ", not working on it"
                  : ", not " + step.from.iterator().next()));
    }
    OffsetDateTime now = EngineTime.nowUtc();
    String comment = detail.store(recipient, now);
    if (step.to != null) {
      recipients.updateStage(noticeId, departmentId, step.to, now);
    }
    notices.recordStep(new NoticeStep(noticeId, departmentId, step.recorded, user, comment, now));
  }

  private NoticeRecipient require(String noticeId, String departmentId) {
    return recipients
        .recipient(noticeId, departmentId)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    departmentId + " is not a recipient of notice " + noticeId));
  }
}
