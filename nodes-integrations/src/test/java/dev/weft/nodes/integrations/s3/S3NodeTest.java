package dev.weft.nodes.integrations.s3;

import static dev.weft.nodes.integrations.ServiceTests.engine;
import static dev.weft.nodes.integrations.ServiceTests.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.integrations.ServiceTests;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class S3NodeTest {
  private static final String ACCESS = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final Instant NOW = Instant.parse("2024-05-28T12:00:00Z");
  private MockWebServer server;
  private Credentials credentials;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    credentials = new Credentials("s3-1", S3Node.CREDENTIAL, Map.of("accessKeyId", ACCESS, "secretAccessKey", SECRET,
        "region", "eu-central-1", "endpoint", server.url("/").toString(), "forcePathStyle", true));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Weft weft() {
    return engine(b -> b.clock(Clock.fixed(NOW, ZoneOffset.UTC)), credentials);
  }

  private static String node(String parameters) {
    return "{ \"name\": \"S3\", \"type\": \"weft.awsS3\", \"credentials\": { \"weft.awsS3Api\": \"s3-1\" },"
        + " \"parameters\": " + parameters + " }";
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  /** Signs the request as received again, to prove that what was sent is what was signed. */
  private static void assertSignedAsSent(RecordedRequest req, Map<String, String> signedHeaders, String payloadHash) {
    SigV4 signer = new SigV4(ACCESS, SECRET, null, "eu-central-1", "s3");
    SigV4.Signed expected = signer.sign(req.getMethod(), req.getUrl(), signedHeaders, payloadHash, NOW);
    assertThat(req.getHeaders().get("Authorization")).isEqualTo(expected.headers().get("Authorization"));
    assertThat(req.getHeaders().get("x-amz-date")).isEqualTo("20240528T120000Z");
    assertThat(req.getHeaders().get("x-amz-content-sha256")).isEqualTo(payloadHash);
  }

  @Test
  void putsAnObjectFromBinaryDataSigningItsHash() throws Exception {
    byte[] content = "id,total\n42,19.99\n".getBytes(StandardCharsets.UTF_8);
    BinaryData data = ServiceTests.BINARIES.store(content, "text/csv", "may.csv");
    server.enqueue(new MockResponse.Builder().code(200).setHeader("ETag", "\"3858f62230ac3c915f300c664312c11f\"")
        .setHeader("x-amz-version-id", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY").build());
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("""
          { "operation": "put", "bucket": "reports", "key": "2024/may report$1.csv",
            "metadata": { "Source": "weft", "order-count": 1 }, "storageClass": "STANDARD_IA" }"""),
          List.of(Item.empty().withBinary("data", data)));
      assertThat(r.error()).isNull();
      ServiceTests.assertJson(r.items("S3").get(0).json(), ("""
          {"bucket":"reports","key":"2024/may report$1.csv","etag":"3858f62230ac3c915f300c664312c11f",
           "versionId":"3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY","size":18,"contentType":"text/csv"}"""));
    }
    RecordedRequest req = take();
    assertThat(req.getMethod()).isEqualTo("PUT");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/reports/2024/may%20report%241.csv");
    assertThat(req.getBody().toByteArray()).isEqualTo(content);
    assertThat(req.getHeaders().get("Content-Type")).isEqualTo("text/csv");
    assertThat(req.getHeaders().get("x-amz-meta-source")).isEqualTo("weft");
    assertThat(req.getHeaders().get("x-amz-meta-order-count")).isEqualTo("1");
    assertThat(req.getHeaders().get("x-amz-storage-class")).isEqualTo("STANDARD_IA");
    Map<String, String> signed = new LinkedHashMap<>();
    signed.put("content-type", "text/csv");
    signed.put("content-length", "18");
    signed.put("x-amz-meta-source", "weft");
    signed.put("x-amz-meta-order-count", "1");
    signed.put("x-amz-storage-class", "STANDARD_IA");
    assertSignedAsSent(req, signed, SigV4.hex(SigV4.sha256(content)));
    assertThat(req.getHeaders().get("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240528/eu-central-1/s3/aws4_request, "
            + "SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-order-count;"
            + "x-amz-meta-source;x-amz-storage-class, Signature=");
  }

  @Test
  void getsAnObjectIntoBinaryData() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/pdf")
        .setHeader("ETag", "\"9b2cf535f27731c974343645a3985328\"").setHeader("Last-Modified", "Tue, 28 May 2024 10:00:00 GMT")
        .setHeader("x-amz-meta-source", "weft").body("%PDF-1.7 tiny").build());
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("{ \"operation\": \"get\", \"bucket\": \"reports\", \"key\": \"2024/may.pdf\","
          + " \"binaryProperty\": \"file\" }"));
      assertThat(r.error()).isNull();
      Item item = r.items("S3").get(0);
      assertThat(item.json()).containsEntry("contentType", "application/pdf").containsEntry("size", 13L)
          .containsEntry("etag", "9b2cf535f27731c974343645a3985328").containsEntry("metadata", Map.of("source", "weft"));
      BinaryData file = item.binary().get("file");
      assertThat(file.fileName()).isEqualTo("may.pdf");
      assertThat(new String(ServiceTests.BINARIES.readAll(file), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.7 tiny");
    }
    RecordedRequest req = take();
    assertThat(req.getMethod()).isEqualTo("GET");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/reports/2024/may.pdf");
    assertSignedAsSent(req, Map.of(), SigV4.EMPTY_SHA256);
  }

  @Test
  void streamsALargeObjectIntoTheBinaryStore() throws Exception {
    okio.Buffer body = dev.weft.nodes.integrations.StreamingStore.largeBody(64L << 20);
    String sha = dev.weft.nodes.integrations.StreamingStore.sha256(body);
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/zip")
        .setHeader("ETag", "\"big\"").body(body).build());
    dev.weft.nodes.integrations.StreamingStore streaming = new dev.weft.nodes.integrations.StreamingStore();
    try (Weft weft = engine(b -> b.clock(Clock.fixed(NOW, ZoneOffset.UTC)).binaryStore(streaming), credentials)) {
      ExecutionResult r = run(weft, node("{ \"operation\": \"get\", \"bucket\": \"backups\", \"key\": \"db.zip\" }"));
      assertThat(r.error()).isNull();
      BinaryData data = r.items("S3").get(0).binary().get("data");
      assertThat(data.size()).isEqualTo(64L << 20);
      assertThat(data.fileName()).isEqualTo("db.zip");
      assertThat(streaming.sha256(data)).isEqualTo(sha);
    }
    assertThat(take().getUrl().encodedPath()).isEqualTo("/backups/db.zip");
  }

  @Test
  void listsAllObjectsFollowingContinuationTokens() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/xml").body("""
        <?xml version="1.0" encoding="UTF-8"?>
        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <Name>reports</Name><Prefix>2024/</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>
          <Contents><Key>2024/april.csv</Key><LastModified>2024-04-30T10:00:00.000Z</LastModified>
            <ETag>&quot;aa11&quot;</ETag><Size>120</Size><StorageClass>STANDARD</StorageClass></Contents>
          <Contents><Key>2024/may.csv</Key><LastModified>2024-05-28T10:00:00.000Z</LastModified>
            <ETag>&quot;bb22&quot;</ETag><Size>18</Size><StorageClass>STANDARD</StorageClass></Contents>
          <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
        </ListBucketResult>""").build());
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/xml").body("""
        <?xml version="1.0" encoding="UTF-8"?>
        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <Name>reports</Name><Prefix>2024/</Prefix><KeyCount>1</KeyCount><IsTruncated>false</IsTruncated>
          <Contents><Key>2024/june.csv</Key><LastModified>2024-06-30T10:00:00.000Z</LastModified>
            <ETag>&quot;cc33&quot;</ETag><Size>7</Size><StorageClass>STANDARD_IA</StorageClass></Contents>
        </ListBucketResult>""").build());
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("{ \"operation\": \"list\", \"bucket\": \"reports\", \"prefix\": \"2024/\","
          + " \"returnAll\": true }"));
      assertThat(r.error()).isNull();
      assertThat(r.items("S3")).extracting(i -> i.json().get("key"))
          .containsExactly("2024/april.csv", "2024/may.csv", "2024/june.csv");
      ServiceTests.assertJson(r.items("S3").get(1).json(), ("""
          {"key":"2024/may.csv","size":18,"etag":"bb22","lastModified":"2024-05-28T10:00:00.000Z","storageClass":"STANDARD"}"""));
    }
    RecordedRequest first = take();
    assertThat(first.getUrl().encodedPath()).isEqualTo("/reports");
    assertThat(first.getUrl().queryParameter("list-type")).isEqualTo("2");
    assertThat(first.getUrl().queryParameter("prefix")).isEqualTo("2024/");
    assertThat(first.getUrl().queryParameter("max-keys")).isEqualTo("1000");
    assertSignedAsSent(first, Map.of(), SigV4.EMPTY_SHA256);
    RecordedRequest second = take();
    assertThat(second.getUrl().queryParameter("continuation-token"))
        .isEqualTo("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
    assertSignedAsSent(second, Map.of(), SigV4.EMPTY_SHA256);
  }

  @Test
  void deletesAnObject() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("{ \"operation\": \"delete\", \"bucket\": \"reports\", \"key\": \"old.csv\" }"));
      assertThat(r.items("S3").get(0).json()).containsEntry("deleted", true).containsEntry("key", "old.csv");
    }
    RecordedRequest req = take();
    assertThat(req.getMethod()).isEqualTo("DELETE");
    assertThat(req.getUrl().encodedPath()).isEqualTo("/reports/old.csv");
  }

  @Test
  void presignsAUrlWithoutCallingS3() throws Exception {
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("{ \"operation\": \"presign\", \"bucket\": \"reports\", \"key\": \"may.csv\","
          + " \"presignMethod\": \"PUT\", \"expiresSeconds\": 900 }"));
      Map<String, Object> json = r.items("S3").get(0).json();
      HttpUrl url = HttpUrl.get((String) json.get("url"));
      assertThat(url.encodedPath()).isEqualTo("/reports/may.csv");
      assertThat(url.queryParameter("X-Amz-Expires")).isEqualTo("900");
      assertThat(url.queryParameter("X-Amz-Credential")).isEqualTo(ACCESS + "/20240528/eu-central-1/s3/aws4_request");
      HttpUrl expected = new SigV4(ACCESS, SECRET, null, "eu-central-1", "s3").presign("PUT",
          server.url("/reports/may.csv"), 900, NOW);
      assertThat(url).isEqualTo(expected);
      assertThat(json).containsEntry("expiresAt", "2024-05-28T12:15:00Z").containsEntry("method", "PUT");
      ExecutionResult tooLong = run(weft, node("{ \"operation\": \"presign\", \"bucket\": \"b\", \"key\": \"k\","
          + " \"expiresSeconds\": 700000 }"));
      assertThat(tooLong.error().message()).contains("1 to 604800 seconds");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void reportsS3sErrorCodeAndMessageWithoutTheSecret() throws Exception {
    server.enqueue(new MockResponse.Builder().status("HTTP/1.1 404 Not Found").setHeader("Content-Type", "application/xml")
        .body("""
        <?xml version="1.0" encoding="UTF-8"?>
        <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>nope.csv</Key>
        <RequestId>4442587FB7D0A2F9</RequestId><HostId>ZzEXAMPLE</HostId></Error>""").build());
    try (Weft weft = weft()) {
      ExecutionResult r = run(weft, node("{ \"operation\": \"get\", \"bucket\": \"reports\", \"key\": \"nope.csv\" }"));
      assertThat(r.error().message())
          .contains("S3 answered 404 Not Found: NoSuchKey: The specified key does not exist.").doesNotContain(SECRET);
    }
  }

  @Test
  void addressesBucketsVirtualHostedUnlessPathStyleOrDotted() throws Exception {
    Credentials aws = new Credentials("aws", S3Node.CREDENTIAL, Map.of("accessKeyId", ACCESS,
        "secretAccessKey", SECRET, "region", "eu-west-1"));
    S3Node.S3 s3 = new S3Node.S3(aws, null, Clock.systemUTC());
    assertThat(s3.objectUrl("reports", "2024/may.csv").toString())
        .isEqualTo("https://reports.s3.eu-west-1.amazonaws.com/2024/may.csv");
    assertThat(s3.objectUrl("reports.example.com", "a.csv").toString())
        .isEqualTo("https://s3.eu-west-1.amazonaws.com/reports.example.com/a.csv");
    Credentials r2 = new Credentials("r2", S3Node.CREDENTIAL, Map.of("accessKeyId", ACCESS,
        "secretAccessKey", SECRET, "region", "auto", "endpoint", "https://acct.r2.cloudflarestorage.com",
        "forcePathStyle", "true"));
    assertThat(new S3Node.S3(r2, null, Clock.systemUTC()).objectUrl("media", "a b.png").toString())
        .isEqualTo("https://acct.r2.cloudflarestorage.com/media/a%20b.png");
  }
}
