package dev.weft.nodes.integrations.s3;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.BinaryBody;
import dev.weft.nodes.integrations.common.NodeParams;
import dev.weft.nodes.integrations.common.RetryPolicy;
import dev.weft.spi.BinaryData;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Services;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Amazon S3 and S3-compatible stores (MinIO, Cloudflare R2, Backblaze B2, Wasabi …): put an object from binary data
 * (streamed, its SHA-256 signed), get one into binary data (streamed), list with {@code ListObjectsV2} following
 * continuation tokens, delete, and make presigned URLs. Requests are signed with {@link SigV4}; buckets are addressed
 * virtual-hosted style, or path style when asked (most S3-compatible stores) or when the bucket name has a dot.
 */
public final class S3Node implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.awsS3";
  /** The credential type id. */
  public static final String CREDENTIAL = "weft.awsS3Api";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("AWS S3")
      .group("storage")
      .description("Puts, gets, lists and deletes objects in S3 or an S3-compatible store, and presigns URLs")
      .icon("aws-s3")
      .credential(CREDENTIAL, true)
      .parameters(
          ParameterSpec.options("operation", Option.of("put", "Put object"), Option.of("get", "Get object"),
              Option.of("list", "List objects"), Option.of("delete", "Delete object"),
              Option.of("presign", "Presigned URL")).displayName("Operation"),
          ParameterSpec.string("bucket").displayName("Bucket").required(),
          ParameterSpec.string("key").displayName("Key").description("The object's key, like reports/2024/may.csv")
              .displayWhen("operation", "put", "get", "delete", "presign"),
          ParameterSpec.string("binaryProperty").displayName("Binary property").defaultValue("data")
              .displayWhen("operation", "put", "get"),
          ParameterSpec.string("contentType").displayName("Content type")
              .description("Defaults to the binary data's type").displayWhen("operation", "put"),
          ParameterSpec.json("metadata").displayName("Metadata")
              .description("A JSON object of user metadata, sent as x-amz-meta-* headers").displayWhen("operation", "put"),
          ParameterSpec.string("storageClass").displayName("Storage class")
              .description("STANDARD, STANDARD_IA, INTELLIGENT_TIERING, GLACIER_IR …").displayWhen("operation", "put"),
          ParameterSpec.string("acl").displayName("Canned ACL").description("private, public-read …")
              .displayWhen("operation", "put"),
          ParameterSpec.string("prefix").displayName("Prefix").displayWhen("operation", "list"),
          ParameterSpec.string("delimiter").displayName("Delimiter")
              .description("'/' to list one folder level; common prefixes come as items with 'prefix'")
              .displayWhen("operation", "list"),
          ParameterSpec.bool("returnAll").displayName("Return all").defaultValue(false).displayWhen("operation", "list"),
          ParameterSpec.number("limit").displayName("Limit").defaultValue(100).displayWhen("operation", "list"),
          ParameterSpec.options("presignMethod", "GET", "PUT").displayName("Allow").displayWhen("operation", "presign"),
          ParameterSpec.number("expiresSeconds").displayName("Expires after (seconds)").defaultValue(3600)
              .displayWhen("operation", "presign"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /** The credential: access keys, region, and for S3-compatible stores an endpoint and path-style addressing. */
  public static CredentialType credentialType() {
    return CredentialType.builder(CREDENTIAL).displayName("AWS S3")
        .description("An access key pair of an IAM user or role, or of an S3-compatible store")
        .fields(
            ParameterSpec.string("accessKeyId").displayName("Access key ID").required().noExpressions(),
            ParameterSpec.string("secretAccessKey").displayName("Secret access key").required().secret()
                .noExpressions(),
            ParameterSpec.string("sessionToken").displayName("Session token")
                .description("For temporary credentials only").secret().noExpressions(),
            ParameterSpec.string("region").displayName("Region").defaultValue("us-east-1").noExpressions(),
            ParameterSpec.string("endpoint").displayName("Endpoint").noExpressions()
                .description("Base URL of an S3-compatible store, like http://minio:9000; empty for AWS"),
            ParameterSpec.bool("forcePathStyle").displayName("Path-style addressing").defaultValue(false)
                .description("Address buckets as endpoint/bucket/key (most S3-compatible stores need this)"))
        .tester(S3Node::test)
        .build();
  }

  private static CredentialTester.Result test(Credentials c, Services services) throws Exception {
    S3 s3 = new S3(c, errors(new ApiClient("S3", services.service(OkHttpClient.class), RetryPolicy.none(), null,
        Clock.systemUTC(), secrets(c))), Clock.systemUTC());
    try (Response r = s3.send("GET", s3.serviceUrl().build(), Map.of(), null, SigV4.EMPTY_SHA256)) {
      Document doc = xml(r.body().bytes());
      return CredentialTester.Result.ok("S3 accepts the keys; they see " + doc.getElementsByTagName("Bucket").getLength()
          + " bucket(s)");
    } catch (NodeException e) {
      return CredentialTester.Result.failed(e.getMessage());
    }
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    Credentials c = context.credentials(CREDENTIAL);
    S3 s3 = new S3(c, errors(ApiClient.of("S3", context, secrets(c).toArray(String[]::new))), context.clock());
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        String bucket = NodeParams.required(context, "bucket", i);
        String operation = NodeParams.required(context, "operation", i);
        switch (operation) {
          case "put" -> out.add(0, Item.of(put(context, items.get(i), i, s3, bucket)).pairedWith(i));
          case "get" -> out.add(0, get(context, items.get(i), i, s3, bucket).pairedWith(i));
          case "list" -> {
            for (Map<String, Object> o : list(context, i, s3, bucket)) {
              out.add(0, Item.of(o).pairedWith(i));
            }
          }
          case "delete" -> out.add(0, Item.of(delete(context, i, s3, bucket)).pairedWith(i));
          case "presign" -> out.add(0, Item.of(presign(context, i, s3, bucket)).pairedWith(i));
          default -> throw NodeException.parameter("operation", i, "S3 has no operation '" + operation
              + "' here; use put, get, list, delete or presign");
        }
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private Map<String, Object> put(NodeContext context, Item item, int i, S3 s3, String bucket) throws Exception {
    String key = NodeParams.required(context, "key", i);
    BinaryData data = BinaryBody.require(item, NodeParams.required(context, "binaryProperty", i), "binaryProperty", i);
    String contentType = NodeParams.optional(context, "contentType", i);
    MediaType type = MediaType.parse(contentType != null ? contentType.trim() : data.mimeType());
    if (type == null) {
      throw NodeException.parameter("contentType", i, "'" + contentType + "' is not a media type");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", type.toString());
    headers.put("content-length", String.valueOf(data.size()));
    Map<String, Object> metadata = NodeParams.jsonObject(context, "metadata", i);
    if (metadata != null) {
      for (Map.Entry<String, Object> m : metadata.entrySet()) {
        if (!m.getKey().matches("[A-Za-z0-9_.-]+")) {
          throw NodeException.parameter("metadata", i, "metadata key '" + m.getKey()
              + "' cannot be an HTTP header name; use letters, digits, '-', '_' and '.'");
        }
        headers.put("x-amz-meta-" + m.getKey().toLowerCase(Locale.ROOT), String.valueOf(m.getValue()));
      }
    }
    String storageClass = NodeParams.optional(context, "storageClass", i);
    if (storageClass != null) {
      headers.put("x-amz-storage-class", storageClass.trim());
    }
    String acl = NodeParams.optional(context, "acl", i);
    if (acl != null) {
      headers.put("x-amz-acl", acl.trim());
    }
    String hash = sha256(context, data);
    try (Response r = s3.send("PUT", s3.objectUrl(bucket, key), headers,
        new BinaryBody(context.binaries(), data, type), hash)) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("bucket", bucket);
      result.put("key", key);
      result.put("etag", unquote(r.header("ETag")));
      if (r.header("x-amz-version-id") != null) {
        result.put("versionId", r.header("x-amz-version-id"));
      }
      result.put("size", data.size());
      result.put("contentType", type.toString());
      return result;
    }
  }

  private Item get(NodeContext context, Item item, int i, S3 s3, String bucket) throws Exception {
    String key = NodeParams.required(context, "key", i);
    String property = NodeParams.required(context, "binaryProperty", i);
    try (Response r = s3.send("GET", s3.objectUrl(bucket, key), Map.of(), null, SigV4.EMPTY_SHA256)) {
      ResponseBody body = r.body();
      String type = r.header("Content-Type", "application/octet-stream");
      String name = key.contains("/") ? key.substring(key.lastIndexOf('/') + 1) : key;
      BinaryData data;
      try (InputStream in = body.byteStream()) {
        data = context.binaries().store(in, type, name.isEmpty() ? null : name);
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("bucket", bucket);
      json.put("key", key);
      json.put("contentType", type);
      json.put("size", data.size());
      json.put("etag", unquote(r.header("ETag")));
      json.put("lastModified", r.header("Last-Modified"));
      Map<String, Object> metadata = new LinkedHashMap<>();
      Headers headers = r.headers();
      for (int h = 0; h < headers.size(); h++) {
        String n = headers.name(h).toLowerCase(Locale.ROOT);
        if (n.startsWith("x-amz-meta-")) {
          metadata.put(n.substring("x-amz-meta-".length()), headers.value(h));
        }
      }
      if (!metadata.isEmpty()) {
        json.put("metadata", metadata);
      }
      return Item.of(json).withBinary(item.binary()).withBinary(property, data);
    }
  }

  private List<Map<String, Object>> list(NodeContext context, int i, S3 s3, String bucket) throws Exception {
    boolean all = context.bool("returnAll", i);
    long limit = all ? Long.MAX_VALUE : NodeParams.integer(context, "limit", i, 100);
    if (limit < 1) {
      throw NodeException.parameter("limit", i, "parameter 'limit' must be 1 or more, was " + limit);
    }
    String prefix = NodeParams.optional(context, "prefix", i);
    String delimiter = NodeParams.optional(context, "delimiter", i);
    List<Map<String, Object>> results = new ArrayList<>();
    String token = null;
    do {
      context.cancellation().throwIfCancelled();
      HttpUrl.Builder url = s3.bucketUrl(bucket).addQueryParameter("list-type", "2")
          .addQueryParameter("max-keys", String.valueOf(Math.min(1000, limit - results.size())));
      if (prefix != null) {
        url.addQueryParameter("prefix", prefix);
      }
      if (delimiter != null) {
        url.addQueryParameter("delimiter", delimiter);
      }
      if (token != null) {
        url.addQueryParameter("continuation-token", token);
      }
      Document doc;
      try (Response r = s3.send("GET", url.build(), Map.of(), null, SigV4.EMPTY_SHA256)) {
        doc = xml(r.body().bytes());
      }
      NodeList contents = doc.getElementsByTagName("Contents");
      for (int n = 0; n < contents.getLength() && results.size() < limit; n++) {
        Element e = (Element) contents.item(n);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("key", text(e, "Key"));
        o.put("size", Long.parseLong(text(e, "Size") == null ? "0" : text(e, "Size")));
        o.put("etag", unquote(text(e, "ETag")));
        o.put("lastModified", text(e, "LastModified"));
        o.put("storageClass", text(e, "StorageClass"));
        results.add(o);
      }
      NodeList prefixes = doc.getElementsByTagName("CommonPrefixes");
      for (int n = 0; n < prefixes.getLength() && results.size() < limit; n++) {
        Map<String, Object> folder = new LinkedHashMap<>();
        folder.put("prefix", text((Element) prefixes.item(n), "Prefix"));
        results.add(folder);
      }
      boolean truncated = "true".equals(text(doc.getDocumentElement(), "IsTruncated"));
      token = truncated ? text(doc.getDocumentElement(), "NextContinuationToken") : null;
    } while (token != null && results.size() < limit);
    return results;
  }

  private Map<String, Object> delete(NodeContext context, int i, S3 s3, String bucket) throws Exception {
    String key = NodeParams.required(context, "key", i);
    try (Response r = s3.send("DELETE", s3.objectUrl(bucket, key), Map.of(), null, SigV4.EMPTY_SHA256)) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("bucket", bucket);
      result.put("key", key);
      result.put("deleted", true);
      if (r.header("x-amz-version-id") != null) {
        result.put("versionId", r.header("x-amz-version-id"));
      }
      return result;
    }
  }

  private Map<String, Object> presign(NodeContext context, int i, S3 s3, String bucket) throws NodeException {
    String key = NodeParams.required(context, "key", i);
    long expires = NodeParams.integer(context, "expiresSeconds", i, 3600);
    if (expires < 1 || expires > 604_800) {
      throw NodeException.parameter("expiresSeconds", i, "a presigned URL expires after 1 to 604800 seconds "
          + "(7 days), not " + expires);
    }
    String method = context.string("presignMethod", i);
    method = method == null ? "GET" : method;
    Instant now = context.clock().instant();
    HttpUrl url = s3.signer.presign(method, s3.objectUrl(bucket, key), expires, now);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("bucket", bucket);
    result.put("key", key);
    result.put("method", method);
    result.put("url", url.toString());
    result.put("expiresAt", now.plusSeconds(expires).toString());
    return result;
  }

  /** Hex SHA-256 of binary data, read once as a stream. */
  private static String sha256(NodeContext context, BinaryData data) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(context.binaries().open(data), digest)) {
      byte[] buffer = new byte[64 * 1024];
      while (in.read(buffer) >= 0) {
        context.cancellation().throwIfCancelled();
      }
    }
    return SigV4.hex(digest.digest());
  }

  /** S3's error bodies are XML: show the code and the message. */
  static ApiClient errors(ApiClient api) {
    return api.withErrorReader(body -> {
      if (body == null || !body.trim().startsWith("<")) {
        return null;
      }
      Document doc = xml(body.getBytes(StandardCharsets.UTF_8));
      String code = text(doc.getDocumentElement(), "Code");
      String message = text(doc.getDocumentElement(), "Message");
      return code == null && message == null ? null : (code == null ? "" : code + ": ") + message;
    });
  }

  static Document xml(byte[] bytes) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    } catch (Exception e) {
      throw new IllegalArgumentException("S3 answered with XML that cannot be read: " + e.getMessage(), e);
    }
  }

  private static String text(Element parent, String tag) {
    for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e.getTextContent();
      }
    }
    return null;
  }

  private static String unquote(String etag) {
    return etag == null ? null : etag.replace("\"", "").replace("&quot;", "");
  }

  private static List<String> secrets(Credentials c) {
    List<String> s = new ArrayList<>();
    s.add(c.string("secretAccessKey"));
    if (c.string("sessionToken") != null) {
      s.add(c.string("sessionToken"));
    }
    s.removeIf(v -> v == null || v.isEmpty());
    return s;
  }

  /** Addressing and signing for one credential. */
  static final class S3 {
    final SigV4 signer;
    private final ApiClient api;
    private final Clock clock;
    private final HttpUrl endpoint;
    private final boolean customEndpoint;
    private final boolean pathStyle;
    private final String region;

    S3(Credentials c, ApiClient api, Clock clock) throws NodeException {
      this.api = api;
      this.clock = clock;
      String r = c.string("region");
      this.region = r == null || r.isBlank() ? "us-east-1" : r.trim();
      this.signer = new SigV4(c.require("accessKeyId").trim(), c.require("secretAccessKey"),
          c.string("sessionToken"), region, "s3");
      String e = c.string("endpoint");
      this.customEndpoint = e != null && !e.isBlank();
      String base = customEndpoint ? e.trim() : "https://s3." + region + ".amazonaws.com";
      HttpUrl parsed = HttpUrl.parse(base);
      if (parsed == null) {
        throw new NodeException("credential '" + CREDENTIAL + "': the endpoint '" + base + "' is not an http(s) URL");
      }
      this.endpoint = parsed;
      Object ps = c.get("forcePathStyle");
      this.pathStyle = ps != null && Boolean.TRUE.equals(dev.weft.spi.Json.toBoolean(ps));
    }

    HttpUrl.Builder serviceUrl() {
      return endpoint.newBuilder();
    }

    HttpUrl.Builder bucketUrl(String bucket) {
      if (pathStyle || bucket.contains(".")) {
        return endpoint.newBuilder().addPathSegment(bucket);
      }
      return endpoint.newBuilder().host(bucket + "." + endpoint.host());
    }

    HttpUrl objectUrl(String bucket, String key) {
      HttpUrl.Builder b = bucketUrl(bucket);
      for (String segment : key.split("/", -1)) {
        b.addPathSegment(segment);
      }
      return b.build();
    }

    Response send(String method, HttpUrl url, Map<String, String> headers, RequestBody body, String payloadHash)
        throws NodeException {
      SigV4.Signed signed = signer.sign(method, url, headers, payloadHash, clock.instant());
      Request.Builder request = new Request.Builder().url(signed.url());
      for (Map.Entry<String, String> h : signed.headers().entrySet()) {
        if (!h.getKey().equals("content-length")) {
          request.header(h.getKey(), h.getValue());
        }
      }
      request.method(method, body == null && method.equals("PUT") ? RequestBody.create(new byte[0], null) : body);
      return api.open(request.build());
    }
  }
}
