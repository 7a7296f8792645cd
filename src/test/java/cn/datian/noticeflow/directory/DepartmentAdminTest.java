package cn.datian.noticeflow.directory;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.datian.noticeflow.deadline.DeadlineChaseService;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Departments kept by the office without a restart: added, renamed, activities edited, and
 * deactivated (history kept, no new notices); the file only seeded the first start.
 */
class DepartmentAdminTest extends ProcessTestSupport {

  @Autowired DepartmentDirectory directory;
  @Autowired DeadlineChaseService chase;
  private final ObjectMapper json = new ObjectMapper();

  /** Another test class's wrong password may have left the office clerk's login delayed. */
  @org.junit.jupiter.api.BeforeEach
  void officeClerkCanLogIn() {
    identityService.unlockUser(DemoUsers.OFFICE_CLERK);
  }

  @Test
  void addRenameEditDeactivate_withoutARestart() throws Exception {
    // the file seeded the table: the same departments, in the notice's order
    assertThat(
            json.readTree(get("/api/directory/departments", DemoUsers.OFFICE_CLERK).getBody())
                .get(0)
                .get("id")
                .asText())
        .isEqualTo(directory.fileDepartments().get(0).id());

    Map<String, Object> body =
        new HashMap<>(
            Map.of(
                "id",
                "emergency",
                "name",
                "县应急局",
                "email",
                "emergency@datian.example.cn",
                "activities",
                List.of("开展安全生产宣传咨询日活动")));
    ResponseEntity<String> added =
        send(HttpMethod.POST, "/api/directory/departments", body, DemoUsers.OFFICE_CLERK);
    assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(directory.contains("emergency")).isTrue();
    assertThat(directory.allIds()).last().isEqualTo("emergency");
    assertThat(identityService.createGroupQuery().groupIdIn("emergency", "emergency-heads").count())
        .isEqualTo(2);

    // a notice reaches it at once, with its own section-四 activity on the task
    IssuedNotice notice = publishNotice("新增部门测试", List.of("emergency"));
    String response = responseOf(notice.processInstanceId(), "emergency").getId();
    Task acknowledge = task(response, TASK_ACKNOWLEDGE_NOTICE);
    assertThat(taskService.getIdentityLinksForTask(acknowledge.getId()))
        .anyMatch(l -> "emergency".equals(l.getGroupId()));
    assertThat(directory.assignedActivitiesText(directory.require("emergency")))
        .contains("开展安全生产宣传咨询日活动");

    // renamed and its activities edited
    ResponseEntity<String> renamed =
        send(
            HttpMethod.PUT,
            "/api/directory/departments/emergency",
            Map.of("name", "县应急管理局", "activities", List.of("开展安全生产月活动", "开展应急演练")),
            DemoUsers.OFFICE_CLERK);
    assertThat(renamed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(directory.require("emergency").name()).isEqualTo("县应急管理局");
    assertThat(directory.require("emergency").activities()).containsExactly("开展安全生产月活动", "开展应急演练");
    assertThat(identityService.createGroupQuery().groupId("emergency").singleResult().getName())
        .isEqualTo("县应急管理局");

    // deactivated: it keeps its history (found, its open response still owes) and gets no new
    // notice
    assertThat(
            send(
                    HttpMethod.DELETE,
                    "/api/directory/departments/emergency",
                    null,
                    DemoUsers.OFFICE_CLERK)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(directory.contains("emergency")).isFalse();
    assertThat(directory.allIds()).doesNotContain("emergency");
    assertThat(directory.find("emergency")).isPresent();
    assertThat(chase.obligationOf(notice.noticeId(), "emergency")).isPresent();
    assertThatThrownBy(() -> issueNotice("停用部门不再接收", List.of("emergency")))
        .hasMessageContaining("emergency");

    // the change log says who did what
    assertThat(get("/directory", DemoUsers.OFFICE_CLERK).getBody())
        .contains("新增部门 emergency（县应急局）", "更名：县应急局 → 县应急管理局", "停用部门 emergency");
  }

  @Test
  void badInput_isRefusedInChinese_andOnlyTheOfficeMayChange() {
    ResponseEntity<String> bad =
        send(
            HttpMethod.POST,
            "/api/directory/departments",
            Map.of("id", "office", "name", "", "email", "nope"),
            DemoUsers.OFFICE_CLERK);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("编号 office 为系统保留", "名称不能为空", "邮箱格式不正确");
    assertThat(
            send(
                    HttpMethod.POST,
                    "/api/directory/departments",
                    Map.of("id", "transport", "name", "重复", "email", "x@example.cn"),
                    DemoUsers.OFFICE_CLERK)
                .getBody())
        .contains("编号 transport 已存在");
    for (String user :
        List.of(DemoUsers.clerkOf("transport"), DemoUsers.headOf("transport"), DemoUsers.LEADER)) {
      assertThat(
              send(
                      HttpMethod.POST,
                      "/api/directory/departments",
                      Map.of("id", "x-dept", "name", "某局", "email", "x@example.cn"),
                      user)
                  .getStatusCode())
          .as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(
              send(HttpMethod.DELETE, "/api/directory/departments/transport", null, user)
                  .getStatusCode())
          .as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(directory.contains("transport")).isTrue();
    assertThat(directory.contains("x-dept")).isFalse();
  }

  @Test
  void departmentsPage_showsTheDepartmentsAndTheirActivities_andEveryChange_toTheOfficeOnly() {
    String page = get("/directory/departments", DemoUsers.OFFICE_CLERK).getBody();
    assertThat(page)
        .contains("<h1>部门和单位</h1>", "县交通局", "data-id=\"transport\"", "id=\"activities\"")
        .contains(directory.require("transport").activities().get(0));
    assertThat(get("/directory", DemoUsers.OFFICE_CLERK).getBody())
        .contains("href=\"/directory/departments\"");

    // what the page's form sends: add, rename with other activities, deactivate
    assertThat(
            send(
                    HttpMethod.POST,
                    "/api/directory/departments",
                    Map.of(
                        "id",
                        "sports",
                        "name",
                        "县体育局",
                        "kind",
                        "county-department",
                        "participation",
                        "mandatory",
                        "email",
                        "sports@datian.example.cn",
                        "activities",
                        List.of("举办全民健身质量宣传活动")),
                    DemoUsers.OFFICE_CLERK)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(
            send(
                    HttpMethod.PUT,
                    "/api/directory/departments/sports",
                    Map.of("name", "县文体局", "activities", List.of("举办全民健身质量宣传活动", "开展体育用品质量抽查")),
                    DemoUsers.OFFICE_CLERK)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    page = get("/directory/departments", DemoUsers.OFFICE_CLERK).getBody();
    assertThat(page).contains("县文体局", "开展体育用品质量抽查", "新增部门 sports（县体育局）", "更名：县体育局 → 县文体局");
    assertThat(
            send(
                    HttpMethod.DELETE,
                    "/api/directory/departments/sports",
                    null,
                    DemoUsers.OFFICE_CLERK)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    page = get("/directory/departments", DemoUsers.OFFICE_CLERK).getBody();
    assertThat(page).contains("停用部门 sports");
    assertThat(page.substring(page.indexOf("data-id=\"sports\""))).contains("已停用");
    // a bad change is refused in Chinese and changes nothing
    ResponseEntity<String> bad =
        send(
            HttpMethod.PUT,
            "/api/directory/departments/transport",
            Map.of("email", "nope"),
            DemoUsers.OFFICE_CLERK);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("邮箱格式不正确");
    assertThat(directory.require("transport").email()).contains("@");

    // nobody but the office (and administrators) sees it
    for (String user :
        List.of(
            DemoUsers.clerkOf("transport"),
            DemoUsers.headOf("transport"),
            DemoUsers.LEADER,
            DemoUsers.SUPERVISOR)) {
      assertThat(get("/directory/departments", user).getStatusCode())
          .as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(get("/directory/departments", DemoUsers.ADMIN).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  private ResponseEntity<String> get(String path, String user) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD).getForEntity(path, String.class);
  }

  private ResponseEntity<String> send(HttpMethod method, String path, Object body, String user) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD)
        .exchange(path, method, body == null ? null : new HttpEntity<>(body), String.class);
  }
}
