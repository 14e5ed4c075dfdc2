package dev.weft.nodes.integrations.google;

import static dev.weft.nodes.integrations.ServiceTests.body;
import static dev.weft.nodes.integrations.ServiceTests.engine;
import static dev.weft.nodes.integrations.ServiceTests.json;
import static dev.weft.nodes.integrations.ServiceTests.parse;
import static dev.weft.nodes.integrations.ServiceTests.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.integrations.ServiceTests;
import dev.weft.nodes.integrations.oauth.OAuth2;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Item;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GoogleDriveNodeTest {
  private static final String TOKEN = "ya29.a0AfB_byDRIVEaccessTOKEN";
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    OAuth2.clearCache();
  }

  private Weft weft() {
    return engine(GmailNodeTest.google(server, TOKEN, Instant.now().plusSeconds(3000)));
  }

  private static String node(String parameters) {
    return "{ \"name\": \"Drive\", \"type\": \"weft.googleDrive\", \"credentials\": { \"weft.googleOAuth2Api\": "
        + "\"google-1\" }, \"parameters\": " + parameters + " }";
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void listsAFoldersFilesAcrossPages() throws Exception {
    server.enqueue(json(200, """
        {"nextPageToken":"~!!~AI9FV7Q","files":[{"id":"1a","name":"a.pdf","mimeType":"application/pdf","size":"1200"}]}"""));
    server.enqueue(json(200, """
        {"files":[{"id":"1b","name":"b.pdf","mimeType":"application/pdf","size":"900"}]}"""));
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("""
          { "operation": "list", "folderId": "0B7_folder'x", "query": "mimeType = 'application/pdf'", "returnAll": true }"""));
      assertThat(r.items("Drive")).extracting(i -> i.json().get("id")).containsExactly("1a", "1b");
    }
    RecordedRequest first = take();
    assertThat(first.getUrl().encodedPath()).isEqualTo("/drive/v3/files");
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(first.getUrl().queryParameter("q"))
        .isEqualTo("'0B7_folder\\'x' in parents and (mimeType = 'application/pdf') and trashed = false");
    assertThat(first.getUrl().queryParameter("supportsAllDrives")).isEqualTo("true");
    assertThat(first.getUrl().queryParameter("includeItemsFromAllDrives")).isEqualTo("true");
    assertThat(first.getUrl().queryParameter("pageSize")).isEqualTo("1000");
    assertThat(first.getUrl().queryParameter("fields")).startsWith("nextPageToken,files(id,name,mimeType");
    assertThat(take().getUrl().queryParameter("pageToken")).isEqualTo("~!!~AI9FV7Q");
  }

  @Test
  void uploadsASmallFileAsMultipart() throws Exception {
    byte[] csv = "id,total\n42,19.99\n".getBytes(StandardCharsets.UTF_8);
    BinaryData data = ServiceTests.BINARIES.store(csv, "text/csv", "orders.csv");
    server.enqueue(json(200, "{\"id\":\"1xYz\",\"name\":\"orders.csv\",\"mimeType\":\"text/csv\",\"parents\":[\"0Bfolder\"]}"));
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("{ \"operation\": \"upload\", \"folderId\": \"0Bfolder\" }"),
          List.of(Item.empty().withBinary("data", data)));
      assertThat(r.items("Drive").get(0).json()).containsEntry("id", "1xYz");
    }
    RecordedRequest req = take();
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/upload/drive/v3/files");
    assertThat(req.getUrl().queryParameter("uploadType")).isEqualTo("multipart");
    String type = req.getHeaders().get("Content-Type");
    assertThat(type).startsWith("multipart/related; boundary=");
    MimeMultipart parts = new MimeMultipart(new ByteArrayDataSource(req.getBody().toByteArray(), type));
    assertThat(parse(new String(parts.getBodyPart(0).getInputStream().readAllBytes(), StandardCharsets.UTF_8)))
        .isEqualTo(parse("{\"name\":\"orders.csv\",\"parents\":[\"0Bfolder\"]}"));
    assertThat(parts.getBodyPart(1).getContentType()).isEqualTo("text/csv");
    assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(csv);
  }

  @Test
  void uploadsALargeFileResumablyFromWhereDriveSaysItIs() throws Exception {
    int size = 600 * 1024;
    byte[] content = new byte[size];
    for (int i = 0; i < size; i++) {
      content[i] = (byte) (i * 31 + 7);
    }
    BinaryData data = ServiceTests.BINARIES.store(content, "video/mp4", "clip.mp4");
    String session = server.url("/upload/drive/v3/files?uploadType=resumable&upload_id=ADPycdu").toString();
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Location", session).build());
    server.enqueue(new MockResponse.Builder().code(308).setHeader("Range", "bytes=0-262143").build());
    server.enqueue(new MockResponse.Builder().code(308).setHeader("Range", "bytes=0-400000").build());
    server.enqueue(json(200, "{\"id\":\"1big\",\"name\":\"Clip.mp4\",\"mimeType\":\"video/mp4\",\"size\":\"614400\"}"));
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("""
          { "operation": "upload", "name": "Clip.mp4", "resumableThresholdMb": 0.5, "chunkSizeMb": 0.25 }"""),
          List.of(Item.empty().withBinary("data", data)));
      assertThat(r.error()).isNull();
      assertThat(r.items("Drive").get(0).json()).containsEntry("id", "1big");
    }
    RecordedRequest start = take();
    assertThat(start.getMethod()).isEqualTo("POST");
    assertThat(start.getUrl().queryParameter("uploadType")).isEqualTo("resumable");
    assertThat(start.getHeaders().get("X-Upload-Content-Type")).isEqualTo("video/mp4");
    assertThat(start.getHeaders().get("X-Upload-Content-Length")).isEqualTo("614400");
    assertThat(body(start)).isEqualTo(Map.of("name", "Clip.mp4"));
    RecordedRequest c1 = take();
    assertThat(c1.getMethod()).isEqualTo("PUT");
    assertThat(c1.getUrl().queryParameter("upload_id")).isEqualTo("ADPycdu");
    assertThat(c1.getHeaders().get("Content-Range")).isEqualTo("bytes 0-262143/614400");
    assertThat(c1.getBody().toByteArray()).isEqualTo(Arrays.copyOfRange(content, 0, 262144));
    RecordedRequest c2 = take();
    assertThat(c2.getHeaders().get("Content-Range")).isEqualTo("bytes 262144-524287/614400");
    assertThat(c2.getBody().toByteArray()).isEqualTo(Arrays.copyOfRange(content, 262144, 524288));
    RecordedRequest c3 = take();
    assertThat(c3.getHeaders().get("Content-Range")).isEqualTo("bytes 400001-614399/614400");
    assertThat(c3.getBody().toByteArray()).isEqualTo(Arrays.copyOfRange(content, 400001, 614400));
  }

  @Test
  void downloadsFilesAndExportsGoogleDocs() throws Exception {
    server.enqueue(json(200, "{\"id\":\"1pdf\",\"name\":\"contract.pdf\",\"mimeType\":\"application/pdf\",\"size\":\"11\"}"));
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/pdf").body("%PDF-1.7 ok").build());
    server.enqueue(json(200, "{\"id\":\"1doc\",\"name\":\"Plan\",\"mimeType\":\"application/vnd.google-apps.document\"}"));
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body("The plan").build());
    try (Weft weft = weft()) {
      Item pdf = run(weft, node("{ \"operation\": \"download\", \"fileId\": \"1pdf\" }")).items("Drive").get(0);
      assertThat(new String(ServiceTests.BINARIES.readAll(pdf.binary().get("data")), StandardCharsets.UTF_8))
          .isEqualTo("%PDF-1.7 ok");
      assertThat(pdf.binary().get("data").fileName()).isEqualTo("contract.pdf");
      Item doc = run(weft, node("{ \"operation\": \"download\", \"fileId\": \"1doc\", \"exportMimeType\": \"text/plain\" }"))
          .items("Drive").get(0);
      assertThat(doc.binary().get("data").mimeType()).isEqualTo("text/plain");
      assertThat(doc.json()).containsEntry("downloadedAs", "text/plain");
    }
    assertThat(take().getUrl().queryParameter("fields")).startsWith("id,name,mimeType");
    RecordedRequest media = take();
    assertThat(media.getUrl().encodedPath()).isEqualTo("/drive/v3/files/1pdf");
    assertThat(media.getUrl().queryParameter("alt")).isEqualTo("media");
    take();
    RecordedRequest export = take();
    assertThat(export.getUrl().encodedPath()).isEqualTo("/drive/v3/files/1doc/export");
    assertThat(export.getUrl().queryParameter("mimeType")).isEqualTo("text/plain");
  }

  @Test
  void createsAFolderAndSharesAFile() throws Exception {
    server.enqueue(json(200, "{\"id\":\"1fold\",\"name\":\"Invoices 2024\",\"mimeType\":\"application/vnd.google-apps.folder\"}"));
    server.enqueue(json(200, "{\"kind\":\"drive#permission\",\"id\":\"0987\",\"type\":\"user\",\"role\":\"writer\"}"));
    try (Weft weft = weft()) {
      assertThat(run(weft, node("{ \"operation\": \"createFolder\", \"name\": \"Invoices 2024\", \"folderId\": \"0Bparent\" }"))
          .error()).isNull();
      assertThat(run(weft, node("""
          { "operation": "share", "fileId": "1fold", "role": "writer", "permissionType": "user",
            "emailAddress": "ada@example.com", "sendNotificationEmail": true, "emailMessage": "For the audit" }"""))
          .items("Drive").get(0).json()).containsEntry("role", "writer");
    }
    RecordedRequest folder = take();
    assertThat(folder.getUrl().encodedPath()).isEqualTo("/drive/v3/files");
    assertThat(body(folder)).isEqualTo(parse("{\"name\":\"Invoices 2024\",\"mimeType\":\"application/vnd.google-apps.folder\","
        + "\"parents\":[\"0Bparent\"]}"));
    RecordedRequest share = take();
    assertThat(share.getUrl().encodedPath()).isEqualTo("/drive/v3/files/1fold/permissions");
    assertThat(share.getUrl().queryParameter("sendNotificationEmail")).isEqualTo("true");
    assertThat(share.getUrl().queryParameter("emailMessage")).isEqualTo("For the audit");
    assertThat(body(share)).isEqualTo(parse("{\"role\":\"writer\",\"type\":\"user\",\"emailAddress\":\"ada@example.com\"}"));
  }

  @Test
  void reportsGooglesReason() throws Exception {
    server.enqueue(json(404, """
        {"error":{"code":404,"message":"File not found: 1nope.","errors":[{"message":"File not found: 1nope.",
         "domain":"global","reason":"notFound","location":"fileId","locationType":"parameter"}]}}"""));
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("{ \"operation\": \"delete\", \"fileId\": \"1nope\" }"));
      assertThat(r.error().message())
          .contains("Google Drive answered 404 Not Found: File not found: 1nope. (notFound at fileId)")
          .doesNotContain(TOKEN);
    }
  }
}
