package cn.datian.noticeflow.document;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_DRAFT_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The notice as an official document over real HTTP: a long body kept byte for byte, the
 * attachments (PDF, OFD, DOCX) while drafting and after sign-off, who may read them, the GB/T 9704
 * document read back with POI, and drafting through the API.
 */
class NoticeDocumentApiTest extends ProcessTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  @LocalServerPort int port;

  static String longBody() {
    return cn.datian.noticeflow.support.LongNoticeBody.of12000();
  }

  @Test
  void longBody_roundTripsByteForByte_andEveryRecipientReadsIt() throws Exception {
    String body = longBody();
    assertThat(body).hasSize(12_000);
    String today = LocalDate.now(ZONE).toString();
    Map<String, Object> notice =
        Map.of(
            "title",
            "关于开展质量宣传周活动的通知",
            "number",
            "大质强县办〔2021〕9号",
            "issuer",
            "大田县质量强县工作领导小组办公室",
            "issuedOn",
            today,
            "body",
            body,
            "deadline",
            LocalDate.now(ZONE).plusDays(20).toString(),
            // names exactly as the directory spells them, beside an id
            "recipients",
            List.of("县商务局", "transport"));
    HttpResponse<String> issued =
        send("POST", "/api/notices", DemoUsers.OFFICE_CLERK, JSON.writeValueAsString(notice));
    assertThat(issued.statusCode()).isEqualTo(201);
    String noticeId = JSON.readTree(issued.body()).get("noticeId").asText();
    String processInstanceId = JSON.readTree(issued.body()).get("processInstanceId").asText();
    // no process variable carries the text
    assertThat(runtimeService.getVariables(processInstanceId))
        .doesNotContainKey("body")
        .containsKey("noticeId");

    // while it is a draft, only the office reads it
    assertThat(
            send(
                    "GET",
                    "/api/notices/" + noticeId + "/document",
                    DemoUsers.clerkOf("commerce"),
                    null)
                .statusCode())
        .isEqualTo(403);
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(processInstanceId, TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();

    JsonNode document =
        json(
            send(
                "GET",
                "/api/notices/" + noticeId + "/document",
                DemoUsers.clerkOf("commerce"),
                null));
    assertThat(document.get("body").asText()).isEqualTo(body);
    assertThat(document.get("body").asText().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    assertThat(document.get("number").asText()).isEqualTo("大质强县办〔2021〕9号");
    assertThat(document.get("recipients").asText()).isEqualTo("县商务局、县交通局");
    assertThat(
            json(send("GET", "/api/notices/" + noticeId, DemoUsers.SUPERVISOR, null))
                .get("body")
                .asText())
        .isEqualTo(body);

    // a department's task shows its notice, resolved on the server from the task
    ProcessInstance commerce = responseOf(processInstanceId, "commerce");
    String acknowledgeTask = task(commerce.getId(), TASK_ACKNOWLEDGE_NOTICE).getId();
    JsonNode fromTask =
        json(
            send(
                "GET",
                "/api/tasks/" + acknowledgeTask + "/notice",
                DemoUsers.clerkOf("commerce"),
                null));
    assertThat(fromTask.get("id").asText()).isEqualTo(noticeId);
    assertThat(fromTask.get("body").asText()).isEqualTo(body);
    assertThat(task(commerce.getId(), TASK_ACKNOWLEDGE_NOTICE).getDescription()).startsWith("签收通知");
    // another department's task is not theirs to see; a non-recipient reads no notice
    assertThat(
            send(
                    "GET",
                    "/api/tasks/" + acknowledgeTask + "/notice",
                    DemoUsers.clerkOf("health"),
                    null)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            send("GET", "/api/notices/" + noticeId + "/document", DemoUsers.clerkOf("health"), null)
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void attachments_whileDrafting_thenSignedOff_readByRecipientsOnly_andTheGbt9704Document()
      throws Exception {
    var issued = issueNotice("附件测试通知", List.of("commerce", "enterprises"));
    String base = "/api/notices/" + issued.noticeId() + "/attachments";
    byte[] pdf = SUMMARY_PDF;
    byte[] ofd = ofd();
    byte[] docx = docx("活动报名表");

    // the office adds files while the notice is its draft; the type comes from the content
    assertThat(upload(DemoUsers.clerkOf("commerce"), base, "报名表.docx", docx).statusCode())
        .isEqualTo(403);
    JsonNode signed = json(upload(DemoUsers.OFFICE_CLERK, base, "正式文件.pdf", pdf));
    assertThat(signed.get(0).get("contentType").asText()).isEqualTo("application/pdf");
    JsonNode ofdStored = json(upload(DemoUsers.OFFICE_CLERK, base, "正式文件.ofd", ofd));
    assertThat(ofdStored.get(0).get("contentType").asText()).isEqualTo("application/ofd");
    JsonNode form = json(upload(DemoUsers.OFFICE_CLERK, base, "活动报名表.docx", docx));
    assertThat(form.get(0).get("contentType").asText()).isEqualTo(OfficialDocumentWriter.DOCX);
    JsonNode removed = json(upload(DemoUsers.OFFICE_CLERK, base, "多余.pdf", pdf));
    assertThat(
            send(
                    "DELETE",
                    base + "/" + removed.get(0).get("id").asText(),
                    DemoUsers.OFFICE_CLERK,
                    null)
                .statusCode())
        .isEqualTo(204);
    assertThat(json(send("GET", base, DemoUsers.OFFICE_CLERK, null)))
        .extracting(a -> a.get("originalName").asText())
        .containsExactly("正式文件.pdf", "正式文件.ofd", "活动报名表.docx");

    // signed off: the GB/T 9704 document comes first, and the list is closed
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(issued.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    HttpResponse<String> late = upload(DemoUsers.OFFICE_CLERK, base, "补充.pdf", pdf);
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(late.body()).get("detail").asText()).contains("已签发");
    assertThat(
            send(
                    "DELETE",
                    base + "/" + signed.get(0).get("id").asText(),
                    DemoUsers.OFFICE_CLERK,
                    null)
                .statusCode())
        .isEqualTo(409);

    JsonNode listed = json(send("GET", base, DemoUsers.clerkOf("enterprises"), null));
    assertThat(listed)
        .extracting(a -> a.get("originalName").asText())
        .containsExactly("测试〔2021〕1号 附件测试通知.docx", "正式文件.pdf", "正式文件.ofd", "活动报名表.docx");
    assertThat(listed.get(0).get("official").asBoolean()).isTrue();

    // a recipient downloads the very bytes; a non-recipient gets nothing
    HttpResponse<byte[]> downloaded =
        download(DemoUsers.clerkOf("commerce"), base + "/" + ofdStored.get(0).get("id").asText());
    assertThat(downloaded.statusCode()).isEqualTo(200);
    assertThat(downloaded.body()).isEqualTo(ofd);
    assertThat(downloaded.headers().firstValue("Content-Type")).hasValue("application/ofd");
    assertThat(
            download(DemoUsers.clerkOf("health"), base + "/" + ofdStored.get(0).get("id").asText())
                .statusCode())
        .isEqualTo(403);
    assertThat(send("GET", base, DemoUsers.clerkOf("health"), null).statusCode()).isEqualTo(403);

    // the 公文 read back: mark in red, 文号, red line, title, 主送, body, 附件, 落款, date, in order
    HttpResponse<byte[]> official =
        download(DemoUsers.clerkOf("commerce"), base + "/" + listed.get(0).get("id").asText());
    assertThat(official.statusCode()).isEqualTo(200);
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(official.body()))) {
      List<XWPFParagraph> paragraphs =
          doc.getParagraphs().stream().filter(p -> !p.getText().isBlank()).toList();
      List<String> texts = paragraphs.stream().map(XWPFParagraph::getText).toList();
      String date = OfficialDocumentWriter.dateText(LocalDate.now(ZONE));
      assertThat(texts)
          .containsExactly(
              "大田县质量强县工作领导小组办公室文件",
              "测试〔2021〕1号",
              "附件测试通知",
              "县商务局、各有关企业：",
              "测试通知正文",
              "附件：1．正式文件",
              "2．正式文件",
              "3．活动报名表",
              "大田县质量强县工作领导小组办公室",
              date);
      assertThat(date).matches("\\d{4}年[1-9]\\d?月[1-9]\\d?日");
      XWPFRun mark = paragraphs.get(0).getRuns().get(0);
      assertThat(mark.getColor()).isEqualTo("FF0000");
      assertThat(mark.getFontSizeAsDouble()).isGreaterThanOrEqualTo(22.0);
      // the red separator line under the 文号
      var border = paragraphs.get(1).getCTP().getPPr().getPBdr().getBottom();
      assertThat(border.xgetColor().getStringValue()).isEqualToIgnoringCase("FF0000");
      assertThat(border.getVal().toString()).isEqualTo("single");
      XWPFRun title = paragraphs.get(2).getRuns().get(0);
      assertThat(title.getFontSizeAsDouble()).isEqualTo(22.0);
      assertThat(title.getColor()).isNull();
      XWPFRun body = paragraphs.get(4).getRuns().get(0);
      assertThat(body.getFontFamily(XWPFRun.FontCharRange.eastAsia)).contains("仿宋");
      assertThat(body.getFontSizeAsDouble()).isEqualTo(16.0);
      assertThat(paragraphs.get(9).getAlignment())
          .isEqualTo(org.apache.poi.xwpf.usermodel.ParagraphAlignment.RIGHT);
    }
  }

  @Test
  void gbt9704_headingsKeepTheirLevels_andTheBodysOwnAttachmentLineIsNotRepeated()
      throws Exception {
    byte[] bytes =
        new OfficialDocumentWriter()
            .write(
                new OfficialDocumentWriter.Content(
                    "大田县质量强县工作领导小组办公室",
                    null,
                    "关于开展2021年“质量月”活动的通知",
                    "县交通局",
                    "现将有关事项通知如下。\n一、指导思想\n（一）高度重视，精心组织。\n附件：2021年大田县质量月活动口号",
                    List.of(),
                    LocalDate.of(2021, 9, 10)));
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      List<XWPFParagraph> paragraphs =
          doc.getParagraphs().stream().filter(p -> !p.getText().isBlank()).toList();
      assertThat(paragraphs)
          .extracting(XWPFParagraph::getText)
          .containsExactly(
              "大田县质量强县工作领导小组办公室文件",
              "关于开展2021年“质量月”活动的通知",
              "县交通局：",
              "现将有关事项通知如下。",
              "一、指导思想",
              "（一）高度重视，精心组织。",
              "附件：2021年大田县质量月活动口号",
              "大田县质量强县工作领导小组办公室",
              "2021年9月10日");
      assertThat(paragraphs.get(4).getRuns().get(0).getFontFamily(XWPFRun.FontCharRange.eastAsia))
          .isEqualTo("黑体");
      assertThat(paragraphs.get(5).getRuns().get(0).getFontFamily(XWPFRun.FontCharRange.eastAsia))
          .contains("楷体");
    }
  }

  @Test
  void draftThroughTheApi_keepsItsContent_officeOnly_closedOnceSent() throws Exception {
    ProcessInstance lifecycle =
        as(
            DemoUsers.OFFICE_CLERK,
            () -> runtimeService.startProcessInstanceByKey("notice-lifecycle"));
    String taskId = task(lifecycle.getId(), TASK_DRAFT_NOTICE).getId();
    // the draft form finds its notice from its task
    String noticeId =
        json(send("GET", "/api/tasks/" + taskId + "/notice", DemoUsers.OFFICE_CLERK, null))
            .get("id")
            .asText();
    String draft = "/api/notices/" + noticeId + "/draft";
    String body = longBody();
    Map<String, Object> typed =
        new java.util.HashMap<>(
            Map.of(
                "title", "草稿标题", "body", body, "deadline", "不是日期", "recipients", List.of("县卫健局")));

    JsonNode saved =
        json(send("PUT", draft, DemoUsers.OFFICE_CLERK, JSON.writeValueAsString(typed)));
    assertThat(saved.get("problems").get("deadline").asText()).contains("截止时间");
    assertThat(saved.get("problems").has("title")).isFalse();
    assertThat(
            send("PUT", draft, DemoUsers.clerkOf("health"), JSON.writeValueAsString(typed))
                .statusCode())
        .isEqualTo(403);

    // left and reopened: everything as typed, the bad date included
    JsonNode reopened = json(send("GET", draft, DemoUsers.OFFICE_CLERK, null));
    assertThat(reopened.get("fields").get("body").asText()).isEqualTo(body);
    assertThat(reopened.get("fields").get("deadline").asText()).isEqualTo("不是日期");
    assertThat(reopened.get("fields").get("recipients").get(0).asText()).isEqualTo("县卫健局");

    typed.put("deadline", LocalDate.now(ZONE).plusDays(10).toString());
    typed.put("issuer", "大田县质量强县工作领导小组办公室");
    assertThat(
            json(send("PUT", draft, DemoUsers.OFFICE_CLERK, JSON.writeValueAsString(typed)))
                .get("problems")
                .size())
        .isZero();
    completeAs(DemoUsers.OFFICE_CLERK, task(lifecycle.getId(), TASK_DRAFT_NOTICE), Map.of());
    assertThat(task(lifecycle.getId(), TASK_SIGN_OFF_NOTICE)).isNotNull();
    assertThat(noticeService.require(noticeId).body()).isEqualTo(body);
    assertThat(noticeService.require(noticeId).recipientIds()).containsExactly("health");
    assertThat(
            send("PUT", draft, DemoUsers.OFFICE_CLERK, JSON.writeValueAsString(typed)).statusCode())
        .isEqualTo(409);
  }

  // --- small real files -------------------------------------------------------------------

  /** An OFD package as GB/T 33190 lays it out: OFD.xml at the root pointing at a document. */
  static byte[] ofd() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("OFD.xml"));
      zip.write(
          ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" "
                  + "Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>a</ofd:DocID></ofd:DocInfo>"
                  + "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
              .getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("Doc_0/Document.xml"));
      zip.write(
          ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\">"
                  + "<ofd:CommonData><ofd:MaxUnitID>1</ofd:MaxUnitID></ofd:CommonData></ofd:Document>")
              .getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  static byte[] docx(String text) throws Exception {
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.createParagraph().createRun().setText(text);
      doc.write(out);
      return out.toByteArray();
    }
  }

  // --- HTTP -------------------------------------------------------------------------------

  private String basic(String user) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(String method, String path, String user, String jsonBody)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", basic(user))
            .header("Accept", "application/json");
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        jsonBody == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<byte[]> download(String user, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", basic(user))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> upload(String user, String path, String fileName, byte[] bytes)
      throws Exception {
    String boundary = "----noticeflow" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(bytes);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", basic(user))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isLessThan(300);
    return JSON.readTree(response.body());
  }
}
