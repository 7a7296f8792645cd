package cn.datian.noticeflow.demo;

import cn.datian.noticeflow.NoticeflowProperties;
import cn.datian.noticeflow.common.EngineTime;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.identity.Groups;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A live demo for a newcomer: on start-up (default profile) the seed notice is issued with its
 * dates moved to today, and signed off as the office head did in 2021, so every department finds
 * its acknowledgement task in Tasklist. Nothing happens while one is still open.
 */
@Component
@Order(20)
public class DemoNotice implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoNotice.class);

  private final NoticeflowProperties properties;
  private final NoticeService noticeService;
  private final NoticeRepository notices;
  private final TaskService taskService;
  private final IdentityService identityService;

  public DemoNotice(
      NoticeflowProperties properties,
      NoticeService noticeService,
      NoticeRepository notices,
      TaskService taskService,
      IdentityService identityService) {
    this.properties = properties;
    this.noticeService = noticeService;
    this.notices = notices;
    this.taskService = taskService;
    this.identityService = identityService;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (properties.demo().notice()) {
      issueUnlessRunning();
    }
  }

  /** Returns the issued notice, or null when the demo notice is already running. */
  public IssuedNotice issueUnlessRunning() {
    SeedNotice seed = SeedNotice.load();
    if (notices.existsOpenWithTitle(seed.title())) {
      log.info("Demo notice '{}' is already running; not issuing another", seed.title());
      return null;
    }
    LocalDate today = EngineTime.now().atZone(properties.zone()).toLocalDate();
    IssuedNotice issued =
        noticeService.issue(seed.issuedOn(today), DemoUsers.OFFICE_CLERK, List.of(Groups.OFFICE));
    signOffAsOfficeHead(issued);
    log.info(
        "Demo notice issued and signed off: {} (process instance {})",
        issued.noticeId(),
        issued.processInstanceId());
    return issued;
  }

  private void signOffAsOfficeHead(IssuedNotice issued) {
    Task signOff =
        taskService
            .createTaskQuery()
            .processInstanceId(issued.processInstanceId())
            .taskDefinitionKey("Task_SignOffNotice")
            .singleResult();
    identityService.setAuthentication(
        DemoUsers.OFFICE_HEAD, List.of(Groups.OFFICE_HEAD, Groups.OFFICE));
    try {
      taskService.claim(signOff.getId(), DemoUsers.OFFICE_HEAD);
      taskService.complete(
          signOff.getId(),
          Map.of("signOffDecision", "approve", "signOffComment", "演示：按2021年原通知签发"));
    } finally {
      identityService.clearAuthentication();
    }
  }
}
