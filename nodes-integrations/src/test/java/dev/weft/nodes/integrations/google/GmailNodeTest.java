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
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GmailNodeTest {
  private static final String TOKEN = "ya29.a0AfB_byCSECRETaccessTOKEN";
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

  static Credentials google(MockWebServer server, String accessToken, Instant expiresAt) {
    return new Credentials("google-1", OAuth2.GOOGLE_TYPE, Map.of("clientId", "1234.apps.googleusercontent.com",
        "clientSecret", "GOCSPX-clientSECRET", "accessTokenUrl", server.url("/token").toString(),
        "accessToken", accessToken, "refreshToken", "1//0gREFRESHtoken", "expiresAt", expiresAt.toString(),
        "apiBaseUrl", server.url("/").toString()));
  }

  private Weft weft() {
    return engine(google(server, TOKEN, Instant.now().plusSeconds(3000)));
  }

  private static String node(String parameters) {
    return "{ \"name\": \"Gmail\", \"type\": \"weft.gmail\", \"credentials\": { \"weft.googleOAuth2Api\": \"google-1\" },"
        + " \"parameters\": " + parameters + " }";
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void sendsAProperMimeMessageWithAnAttachmentInAThread() throws Exception {
    byte[] pdf = "%PDF-1.4 invoice 42 ".repeat(20).getBytes(StandardCharsets.ISO_8859_1);
    BinaryData invoice = ServiceTests.BINARIES.store(pdf, "application/pdf", "Rechnung Nr. 42 – Mai.pdf");
    server.enqueue(json(200, "{\"id\":\"18f0c1a2b3c4d5e6\",\"threadId\":\"18f0aaaa00000001\",\"labelIds\":[\"SENT\"]}"));
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("""
          { "resource": "message", "operation": "send", "to": "Jürgen Müller <juergen@example.de>, ada@example.com",
            "cc": "\\"Ops, Team\\" <ops@example.com>", "bcc": "audit@example.com",
            "subject": "Ihre Rechnung für {{ $json.month }} ✓", "text": "Guten Tag,\\nanbei die Rechnung.",
            "html": "<p>Guten Tag,</p><p>anbei die <b>Rechnung</b>.</p>", "attachments": "data",
            "threadId": "18f0aaaa00000001", "inReplyTo": "<CAB123@mail.example.de>" }"""),
          List.of(Item.of("month", "Mai").withBinary("data", invoice)));
      assertThat(r.error()).isNull();
      assertThat(r.items("Gmail").get(0).json()).containsEntry("id", "18f0c1a2b3c4d5e6");
    }
    RecordedRequest req = take();
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/upload/gmail/v1/users/me/messages/send");
    assertThat(req.getUrl().queryParameter("uploadType")).isEqualTo("multipart");
    assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    String contentType = req.getHeaders().get("Content-Type");
    assertThat(contentType).startsWith("multipart/related; boundary=");

    Session session = Session.getInstance(new Properties());
    MimeMultipart related = new MimeMultipart(new ByteArrayDataSource(req.getBody().toByteArray(), contentType));
    assertThat(related.getCount()).isEqualTo(2);
    assertThat(related.getBodyPart(0).getContentType()).startsWith("application/json");
    assertThat(parse(new String(related.getBodyPart(0).getInputStream().readAllBytes(), StandardCharsets.UTF_8)))
        .isEqualTo(Map.of("threadId", "18f0aaaa00000001"));
    assertThat(related.getBodyPart(1).getContentType()).startsWith("message/rfc822");
    MimeMessage message = new MimeMessage(session, related.getBodyPart(1).getInputStream());

    assertThat(message.getSubject()).isEqualTo("Ihre Rechnung für Mai ✓");
    InternetAddress[] to = (InternetAddress[]) message.getRecipients(MimeMessage.RecipientType.TO);
    assertThat(to[0].getPersonal()).isEqualTo("Jürgen Müller");
    assertThat(to[0].getAddress()).isEqualTo("juergen@example.de");
    assertThat(to[1].getAddress()).isEqualTo("ada@example.com");
    InternetAddress cc = (InternetAddress) message.getRecipients(MimeMessage.RecipientType.CC)[0];
    assertThat(cc.getPersonal()).isEqualTo("Ops, Team");
    assertThat(message.getRecipients(MimeMessage.RecipientType.BCC)[0].toString()).isEqualTo("audit@example.com");
    assertThat(message.getHeader("In-Reply-To")[0]).isEqualTo("<CAB123@mail.example.de>");
    assertThat(message.getSentDate()).isNotNull();
    Multipart mixed = (Multipart) message.getContent();
    assertThat(mixed.getContentType()).startsWith("multipart/mixed");
    Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
    assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Guten Tag,\nanbei die Rechnung.");
    assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>Guten Tag,</p><p>anbei die <b>Rechnung</b>.</p>");
    BodyPart attachment = mixed.getBodyPart(1);
    assertThat(attachment.getFileName()).isEqualTo("Rechnung Nr. 42 – Mai.pdf");
    assertThat(attachment.getContentType()).startsWith("application/pdf");
    assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(pdf);
    String raw = new String(related.getBodyPart(1).getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(raw.lines()).allMatch(line -> line.length() <= 998);
  }

  @Test
  void refusesAnAddressThatIsNotOne() throws Exception {
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"message\", \"operation\": \"send\","
          + " \"to\": \"ada@example.com, bob\", \"subject\": \"x\", \"text\": \"y\" }"));
      assertThat(r.error().message()).contains("'bob' in parameter 'to' is not an email address");
      assertThat(r.error().parameter()).isEqualTo("to");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void searchesFollowingPagesAndSimplifiesMessages() throws Exception {
    server.enqueue(json(200, """
        {"messages":[{"id":"m1","threadId":"t1"}],"nextPageToken":"09876543210","resultSizeEstimate":2}"""));
    server.enqueue(json(200, """
        {"messages":[{"id":"m2","threadId":"t2"}],"resultSizeEstimate":2}"""));
    for (String id : List.of("m1", "m2")) {
      server.enqueue(json(200, """
          {"id":"%s","threadId":"t","labelIds":["INBOX","UNREAD"],"snippet":"Your order shipped","sizeEstimate":4210,
           "internalDate":"1716890400000",
           "payload":{"mimeType":"multipart/alternative","headers":[{"name":"Subject","value":"Order %s"},
             {"name":"From","value":"Shop <shop@example.com>"},{"name":"To","value":"ada@example.com"}],
             "parts":[{"mimeType":"text/plain","body":{"size":5,"data":"%s"}}]}}""".formatted(id, id,
          Base64.getUrlEncoder().withoutPadding().encodeToString(("Hi " + id).getBytes(StandardCharsets.UTF_8)))));
    }
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("""
          { "resource": "message", "operation": "list", "query": "from:shop@example.com is:unread",
            "labelIds": "INBOX, UNREAD", "returnAll": true, "format": "full" }"""));
      assertThat(r.error()).isNull();
      assertThat(r.items("Gmail")).hasSize(2);
      ServiceTests.assertJson(r.items("Gmail").get(1).json(), """
          {"id":"m2","threadId":"t","labelIds":["INBOX","UNREAD"],"snippet":"Your order shipped",
           "date":"2024-05-28T10:00:00Z","subject":"Order m2","from":"Shop <shop@example.com>","to":"ada@example.com",
           "headers":{"subject":"Order m2","from":"Shop <shop@example.com>","to":"ada@example.com"},
           "text":"Hi m2","attachments":[],"sizeEstimate":4210}""");
    }
    RecordedRequest page1 = take();
    assertThat(page1.getUrl().encodedPath()).isEqualTo("/gmail/v1/users/me/messages");
    assertThat(page1.getUrl().queryParameter("q")).isEqualTo("from:shop@example.com is:unread");
    assertThat(page1.getUrl().queryParameterValues("labelIds")).containsExactly("INBOX", "UNREAD");
    assertThat(page1.getUrl().queryParameter("maxResults")).isEqualTo("500");
    assertThat(take().getUrl().queryParameter("pageToken")).isEqualTo("09876543210");
    RecordedRequest get = take();
    assertThat(get.getUrl().encodedPath()).isEqualTo("/gmail/v1/users/me/messages/m1");
    assertThat(get.getUrl().queryParameter("format")).isEqualTo("full");
  }

  @Test
  void decodesAttachmentDataWithOrWithoutPaddingAndEscapes() throws Exception {
    dev.weft.binary.InMemoryBinaryStore store = new dev.weft.binary.InMemoryBinaryStore();
    BinaryData unpadded = GmailNode.storeAttachment(new java.io.ByteArrayInputStream(
        "{\"size\":5,\"data\":\"aGVsbG8\"}".getBytes(StandardCharsets.UTF_8)), store, "text/plain", "a.txt");
    assertThat(store.readAll(unpadded)).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    BinaryData escaped = GmailNode.storeAttachment(new java.io.ByteArrayInputStream(
        "{\"data\":\"_-8\\u003d\",\"size\":2}".getBytes(StandardCharsets.UTF_8)), store, "application/octet-stream", null);
    assertThat(store.readAll(escaped)).isEqualTo(new byte[] {(byte) 0xff, (byte) 0xef});
  }

  @Test
  void streamsALargeAttachmentIntoTheBinaryStore() throws Exception {
    okio.Buffer content = dev.weft.nodes.integrations.StreamingStore.largeBody(8L << 20);
    String sha = dev.weft.nodes.integrations.StreamingStore.sha256(content);
    server.enqueue(json(200, """
        {"id":"m10","payload":{"mimeType":"multipart/mixed","headers":[],
           "parts":[{"mimeType":"application/zip","filename":"logs.zip","body":{"attachmentId":"A1","size":8388608}}]}}"""));
    okio.Buffer answer = new okio.Buffer().writeUtf8("{\"size\":8388608,\"data\":\"")
        .writeUtf8(content.readByteString().base64Url()).writeUtf8("\"}");
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(answer).build());
    dev.weft.nodes.integrations.StreamingStore streaming = new dev.weft.nodes.integrations.StreamingStore();
    try (Weft weft = engine(b -> b.binaryStore(streaming), google(server, TOKEN, Instant.now().plusSeconds(3000)))) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"message\", \"operation\": \"get\", \"messageId\": \"m10\","
          + " \"downloadAttachments\": true }"));
      assertThat(r.error()).isNull();
      BinaryData zip = r.items("Gmail").get(0).binary().get("attachment_0");
      assertThat(zip.size()).isEqualTo(8L << 20);
      assertThat(zip.fileName()).isEqualTo("logs.zip");
      assertThat(streaming.sha256(zip)).isEqualTo(sha);
    }
  }

  @Test
  void getsAMessageAndDownloadsItsAttachment() throws Exception {
    server.enqueue(json(200, """
        {"id":"m9","threadId":"t9","labelIds":["INBOX"],"snippet":"see attached","internalDate":"1716890400000",
         "payload":{"mimeType":"multipart/mixed","headers":[{"name":"Subject","value":"Report"}],
           "parts":[{"mimeType":"text/html","body":{"size":9,"data":"PGI-aGk8L2I-"}},
                    {"mimeType":"text/csv","filename":"report.csv","body":{"attachmentId":"ANGjdJ8","size":8}}]}}"""));
    server.enqueue(json(200, "{\"size\":8,\"data\":\"" + Base64.getUrlEncoder().encodeToString("a,b\n1,2\n"
        .getBytes(StandardCharsets.UTF_8)) + "\"}"));
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"message\", \"operation\": \"get\", \"messageId\": \"m9\","
          + " \"downloadAttachments\": true }"));
      assertThat(r.error()).isNull();
      Item item = r.items("Gmail").get(0);
      assertThat(item.json()).containsEntry("html", "<b>hi</b>").containsEntry("subject", "Report");
      BinaryData csv = item.binary().get("attachment_0");
      assertThat(csv.fileName()).isEqualTo("report.csv");
      assertThat(csv.mimeType()).isEqualTo("text/csv");
      assertThat(new String(ServiceTests.BINARIES.readAll(csv), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
    }
    take();
    assertThat(take().getUrl().encodedPath()).isEqualTo("/gmail/v1/users/me/messages/m9/attachments/ANGjdJ8");
  }

  @Test
  void refreshesOnceWhenGoogleRefusesTheToken() throws Exception {
    server.enqueue(json(401, """
        {"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}"""));
    server.enqueue(json(200, "{\"access_token\":\"ya29.NEWtoken\",\"expires_in\":3599,\"scope\":\"https://mail.google.com/\","
        + "\"token_type\":\"Bearer\"}"));
    server.enqueue(json(200, "{\"labels\":[{\"id\":\"INBOX\",\"name\":\"INBOX\",\"type\":\"system\"},"
        + "{\"id\":\"Label_7\",\"name\":\"Invoices\",\"type\":\"user\"}]}"));
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"label\", \"operation\": \"list\" }"));
      assertThat(r.error()).isNull();
      assertThat(r.items("Gmail")).extracting(i -> i.json().get("name")).containsExactly("INBOX", "Invoices");
    }
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    RecordedRequest refresh = take();
    assertThat(refresh.getUrl().encodedPath()).isEqualTo("/token");
    assertThat(refresh.getHeaders().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString("1234.apps.googleusercontent.com:GOCSPX-clientSECRET".getBytes(StandardCharsets.UTF_8)));
    assertThat(ServiceTests.form(refresh)).isEqualTo(Map.of("grant_type", "refresh_token",
        "refresh_token", "1//0gREFRESHtoken"));
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer ya29.NEWtoken");
  }

  @Test
  void createsALabelAndLabelsAMessage() throws Exception {
    server.enqueue(json(200, "{\"id\":\"Label_8\",\"name\":\"Weft/Processed\",\"messageListVisibility\":\"show\","
        + "\"labelListVisibility\":\"labelShow\",\"type\":\"user\"}"));
    server.enqueue(json(200, "{\"id\":\"m1\",\"threadId\":\"t1\",\"labelIds\":[\"INBOX\",\"Label_8\"]}"));
    try (Weft weft = weft()) {
      assertThat(run(weft, node("{ \"resource\": \"label\", \"operation\": \"create\", \"labelName\": \"Weft/Processed\" }"))
          .items("Gmail").get(0).json()).containsEntry("id", "Label_8");
      assertThat(run(weft, node("{ \"resource\": \"message\", \"operation\": \"addLabels\", \"messageId\": \"m1\","
          + " \"labelIds\": \"Label_8\" }")).error()).isNull();
    }
    RecordedRequest create = take();
    assertThat(create.getUrl().encodedPath()).isEqualTo("/gmail/v1/users/me/labels");
    assertThat(body(create)).isEqualTo(parse("{\"name\":\"Weft/Processed\",\"labelListVisibility\":\"labelShow\","
        + "\"messageListVisibility\":\"show\"}"));
    RecordedRequest modify = take();
    assertThat(modify.getUrl().encodedPath()).isEqualTo("/gmail/v1/users/me/messages/m1/modify");
    assertThat(body(modify)).isEqualTo(parse("{\"addLabelIds\":[\"Label_8\"]}"));
  }

  @Test
  void mimeEncodingOfHeaders() throws Exception {
    assertThat(dev.weft.nodes.integrations.google.MimeMessage.encodeWord("plain")).isEqualTo("plain");
    String long1 = "Ünïcödé ".repeat(12);
    String encoded = dev.weft.nodes.integrations.google.MimeMessage.encodeWord(long1);
    for (String word : encoded.split("\r\n ")) {
      assertThat(word.length()).isLessThanOrEqualTo(75);
    }
    assertThat(jakarta.mail.internet.MimeUtility.decodeText(encoded.replace("\r\n ", " "))).isEqualTo(long1);
  }

  @Test
  void worksWithAnAccessTokenAlone() throws Exception {
    server.enqueue(json(200, "{\"labels\":[{\"id\":\"INBOX\",\"name\":\"INBOX\"}]}"));
    Credentials tokenOnly = new Credentials("google-1", OAuth2.GOOGLE_TYPE, Map.of("clientId", "1234",
        "clientSecret", "GOCSPX-x", "accessToken", TOKEN, "apiBaseUrl", server.url("/").toString()));
    try (Weft weft = engine(tokenOnly)) {
      ExecutionResult r = run(weft, node("{ \"resource\": \"label\", \"operation\": \"list\" }"));
      assertThat(r.error()).isNull();
      assertThat(r.items("Gmail")).hasSize(1);
    }
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
  }
}
