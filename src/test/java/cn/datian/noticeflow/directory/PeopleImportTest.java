package cn.datian.noticeflow.directory;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * People from the office's spreadsheet: a file with errors imports nothing and says where each
 * error is; a clean one gives each person a login and exactly the groups of their department and
 * role, with which they see their department's tasks; the same file again changes nothing; a full
 * re-import deactivates who is missing, and they can no longer log in.
 */
class PeopleImportTest extends ProcessTestSupport {

  private final ObjectMapper json = new ObjectMapper();

  /** Another test class's wrong password may have left the office clerk's login delayed. */
  @org.junit.jupiter.api.BeforeEach
  void officeClerkCanLogIn() {
    identityService.unlockUser(DemoUsers.OFFICE_CLERK);
  }

  @Test
  void aFileWithErrors_importsNothing_andNamesEachRowAndColumn() throws Exception {
    String csv =
        "\uFEFF用户名,姓名,单位,角色,邮箱,手机\r\n"
            + "err-a,王一,县交通局,经办人,a@example.cn,13800000001\r\n"
            + "err-a,王二,县交通局,经办人,b@example.cn,\r\n"
            + "err-c,王三,县宇宙局,经办人,c@example.cn,\r\n"
            + "err-d,王四,transport,负责人,not-an-email,\r\n"
            + "err-e,王五,health,经办人,e@example.cn,12345\r\n"
            + "err-f,,health,局长,f@example.cn,\r\n"
            + "office-clerk,冒名,health,经办人,g@example.cn,\r\n";
    ResponseEntity<String> answer =
        upload(csv.getBytes(StandardCharsets.UTF_8), "people.csv", DemoUsers.OFFICE_CLERK, false);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    List<String> errors = errors(answer);
    assertThat(errors)
        .containsExactly(
            "第3行「用户名」：err-a 与第2行重复",
            "第4行「单位」：名录中没有“县宇宙局”（填写单位名称或编号，如 县交通局 或 transport）",
            "第5行「邮箱」：not-an-email 格式不正确",
            "第6行「手机」：12345 不是11位手机号码",
            "第7行「姓名」：不能为空",
            "第7行「角色」：应为“经办人”或“负责人”，不是“局长”",
            "第8行「用户名」：office-clerk 已被系统账号占用，请换一个");
    // nothing imported, not even the good first row
    assertThat(
            identityService
                .createUserQuery()
                .userIdIn("err-a", "err-c", "err-d", "err-e", "err-f")
                .count())
        .isZero();
    assertThat(
            json.readTree(get("/api/directory/users", DemoUsers.OFFICE_CLERK).getBody()).toString())
        .doesNotContain("err-a");

    // a missing column is reported on the header row
    ResponseEntity<String> noColumn =
        upload(
            "用户名,姓名,单位,角色\nx-1,王,transport,经办人\n".getBytes(StandardCharsets.UTF_8),
            "people.csv",
            DemoUsers.OFFICE_CLERK,
            false);
    assertThat(noColumn.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(errors(noColumn)).singleElement().asString().startsWith("第1行：缺少列「邮箱」");
  }

  @Test
  void aCleanFile_givesLogins_exactGroups_andTheDepartmentsTasks_andTheSameFileAgainChangesNothing()
      throws Exception {
    byte[] file =
        xlsx(
            List.of(
                List.of("imp-wang", "王交通", "县交通局", "经办人", "wang@example.cn", "13800000002"),
                List.of("imp-zhao", "赵交通", "transport", "负责人", "zhao@example.cn", ""),
                List.of("imp-liu", "刘卫健", "县卫健局", "经办人", "liu@example.cn", "138 0000 0003")));
    ResponseEntity<String> answer = upload(file, "people.xlsx", DemoUsers.OFFICE_CLERK, false);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode result = json.readTree(answer.getBody());
    assertThat(result.get("added").asInt()).isEqualTo(3);
    assertThat(result.get("changed").asInt()).isZero();
    String wangPassword = result.get("initialPasswords").get("imp-wang").asText();
    String liuPassword = result.get("initialPasswords").get("imp-liu").asText();
    assertThat(wangPassword).hasSize(12).isNotEqualTo(liuPassword);

    assertThat(groupsOf("imp-wang")).containsExactlyInAnyOrder("transport", "department-staff");
    assertThat(groupsOf("imp-zhao"))
        .containsExactlyInAnyOrder("transport", "transport-heads", "department-staff");
    assertThat(groupsOf("imp-liu")).containsExactlyInAnyOrder("health", "department-staff");
    assertThat(identityService.createUserQuery().userId("imp-liu").singleResult().getEmail())
        .isEqualTo("liu@example.cn");

    // they log in with HTTP Basic and see their own department's work, not another's
    ResponseEntity<String> me =
        http.withBasicAuth("imp-wang", wangPassword).getForEntity("/api/me", String.class);
    assertThat(me.getStatusCode()).isEqualTo(HttpStatus.OK);
    IssuedNotice notice = publishNotice("人员导入测试", List.of("transport", "health"));
    String transportResponse = responseOf(notice.processInstanceId(), "transport").getId();
    ResponseEntity<String> tasks =
        http.withBasicAuth("imp-wang", wangPassword)
            .getForEntity("/engine-rest/task?processInstanceId=" + transportResponse, String.class);
    assertThat(tasks.getStatusCode()).as(tasks.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode wangTasks = json.readTree(tasks.getBody());
    assertThat(wangTasks).hasSize(1);
    assertThat(wangTasks.get(0).get("taskDefinitionKey").asText())
        .isEqualTo(TASK_ACKNOWLEDGE_NOTICE);
    assertThat(
            http.withBasicAuth("imp-liu", liuPassword)
                .getForObject(
                    "/engine-rest/task?processInstanceId=" + transportResponse, JsonNode.class))
        .isEmpty();

    // the same file again: nothing changes, no new password
    JsonNode again =
        json.readTree(upload(file, "people.xlsx", DemoUsers.OFFICE_CLERK, false).getBody());
    assertThat(
            again.get("added").asInt()
                + again.get("changed").asInt()
                + again.get("deactivated").asInt())
        .isZero();
    assertThat(again.get("unchanged").asInt()).isEqualTo(3);
    assertThat(again.get("initialPasswords")).isEmpty();
    assertThat(
            http.withBasicAuth("imp-wang", wangPassword)
                .getForEntity("/api/me", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);

    // the full list, as CSV: 王 becomes head, 刘 is missing and is deactivated
    String full =
        "用户名,姓名,单位,角色,邮箱,手机\n"
            + "imp-wang,王交通,县交通局,负责人,wang@example.cn,13800000002\n"
            + "imp-zhao,赵交通,transport,负责人,zhao@example.cn,\n";
    JsonNode fullAnswer =
        json.readTree(
            upload(
                    full.getBytes(StandardCharsets.UTF_8),
                    "people.csv",
                    DemoUsers.OFFICE_CLERK,
                    true)
                .getBody());
    assertThat(fullAnswer.get("changed").asInt()).isEqualTo(1);
    assertThat(fullAnswer.get("deactivated").asInt()).isEqualTo(1);
    assertThat(groupsOf("imp-wang"))
        .containsExactlyInAnyOrder("transport", "transport-heads", "department-staff");
    assertThat(
            http.withBasicAuth("imp-liu", liuPassword)
                .getForEntity("/api/me", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(groupsOf("imp-liu")).isEmpty();
    // the user stays, so the steps they signed keep their name
    assertThat(identityService.createUserQuery().userId("imp-liu").singleResult().getLastName())
        .isEqualTo("刘卫健");

    // DELETE deactivates one person
    ResponseEntity<String> deleted =
        http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
            .exchange("/api/directory/users/imp-zhao", HttpMethod.DELETE, null, String.class);
    assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(groupsOf("imp-zhao")).isEmpty();
    // the office's page shows the people and who changed what
    String page = get("/directory", DemoUsers.OFFICE_CLERK).getBody();
    assertThat(page).contains("imp-wang", "王交通", "已停用", "导入人员", "新增3人", "停用 imp-zhao", "办公室经办人");
    // (last: a wrong password delays this user's next login by Camunda's login delay)
    assertThat(
            http.withBasicAuth("imp-wang", "demo")
                .getForEntity("/api/me", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void onlyTheOffice_managesPeople_andGetsTheTemplate() throws Exception {
    byte[] file =
        "用户名,姓名,单位,角色,邮箱,手机\nx-forbidden,某,transport,经办人,x@example.cn,\n"
            .getBytes(StandardCharsets.UTF_8);
    for (String user :
        List.of(
            DemoUsers.clerkOf("transport"), DemoUsers.headOf("transport"), DemoUsers.SUPERVISOR)) {
      assertThat(upload(file, "p.csv", user, false).getStatusCode())
          .as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(get("/api/directory/users", user).getStatusCode())
          .as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(get("/api/directory/users/template.xlsx", user).getStatusCode())
          .as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(get("/directory", user).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(
              http.withBasicAuth(user, DemoUsers.PASSWORD)
                  .exchange(
                      "/api/directory/users/office-clerk", HttpMethod.DELETE, null, String.class)
                  .getStatusCode())
          .as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(identityService.createUserQuery().userId("x-forbidden").count()).isZero();
    ResponseEntity<byte[]> template =
        http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
            .getForEntity("/api/directory/users/template.xlsx", byte[].class);
    assertThat(template.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(template.getBody()))) {
      var head = book.getSheetAt(0).getRow(0);
      assertThat(
              List.of(
                  head.getCell(0).getStringCellValue(),
                  head.getCell(3).getStringCellValue(),
                  head.getCell(5).getStringCellValue()))
          .containsExactly("用户名", "角色", "手机");
    }
  }

  private Set<String> groupsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .collect(Collectors.toSet());
  }

  private List<String> errors(ResponseEntity<String> answer) throws Exception {
    return json.readTree(answer.getBody())
        .get("errors")
        .valueStream()
        .map(JsonNode::asText)
        .toList();
  }

  private ResponseEntity<String> get(String path, String user) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD).getForEntity(path, String.class);
  }

  private ResponseEntity<String> upload(
      byte[] content, String name, String user, boolean deactivateMissing) {
    LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add(
        "file",
        new ByteArrayResource(content) {
          @Override
          public String getFilename() {
            return name;
          }
        });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, DemoUsers.PASSWORD)
        .postForEntity(
            "/api/directory/users/import?deactivateMissing=" + deactivateMissing,
            new HttpEntity<>(body, headers),
            String.class);
  }

  private static byte[] xlsx(List<List<String>> rows) throws Exception {
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      var sheet = book.createSheet();
      var head = sheet.createRow(0);
      List<String> headers = List.of("用户名", "姓名", "单位", "角色", "邮箱", "手机");
      for (int c = 0; c < headers.size(); c++) {
        head.createCell(c).setCellValue(headers.get(c));
      }
      for (int r = 0; r < rows.size(); r++) {
        var row = sheet.createRow(r + 1);
        for (int c = 0; c < rows.get(r).size(); c++) {
          String v = rows.get(r).get(c);
          if (c == 5 && v.matches("[0-9]+")) {
            row.createCell(c)
                .setCellValue(Double.parseDouble(v)); // as Excel stores a typed-in mobile
          } else {
            row.createCell(c).setCellValue(v);
          }
        }
      }
      book.write(out);
      return out.toByteArray();
    }
  }
}
