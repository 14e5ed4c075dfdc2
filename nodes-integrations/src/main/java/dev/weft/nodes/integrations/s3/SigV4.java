package dev.weft.nodes.integrations.s3;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;

/**
 * AWS Signature Version 4, for the Authorization header and for presigned URLs, as AWS documents it ("Create a
 * signed AWS API request" and the S3 "Authenticating Requests" pages). Verified against AWS's published examples
 * (see the tests). The path and query are put into the URL exactly as they were signed ({@link #canonicalUrl}), so
 * what the server reads is what was signed.
 *
 * <p>For S3 each path segment is encoded once; for other services the canonical path is encoded twice, as the
 * specification says.
 */
public final class SigV4 {
  /** The payload hash S3 accepts when the body is not signed. */
  public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  /** SHA-256 of nothing. */
  public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private final String accessKey;
  private final String secretKey;
  private final String sessionToken;
  private final String region;
  private final String service;

  /**
   * A signer.
   *
   * @param sessionToken a temporary credential's session token, or {@code null}
   * @param service the signing name, {@code s3} for S3
   */
  public SigV4(String accessKey, String secretKey, String sessionToken, String region, String service) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.sessionToken = sessionToken == null || sessionToken.isBlank() ? null : sessionToken;
    this.region = region;
    this.service = service;
  }

  /** A signed request: the URL to send it to and every header to send with it, the signature included. */
  public record Signed(HttpUrl url, Map<String, String> headers) {}

  /**
   * Signs a request for the Authorization header.
   *
   * @param headers the headers to sign besides {@code host} and the {@code x-amz-} ones this adds (names in any case)
   * @param payloadHash hex SHA-256 of the body, or {@link #UNSIGNED_PAYLOAD}
   */
  public Signed sign(String method, HttpUrl url, Map<String, String> headers, String payloadHash, Instant now) {
    String stamp = STAMP.format(now);
    Map<String, String> all = new TreeMap<>();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      all.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue());
    }
    all.put("host", hostHeader(url));
    all.put("x-amz-date", stamp);
    if ("s3".equals(service)) {
      all.put("x-amz-content-sha256", payloadHash);
    }
    if (sessionToken != null) {
      all.put("x-amz-security-token", sessionToken);
    }
    String signedHeaders = String.join(";", all.keySet());
    String canonicalQuery = canonicalQuery(url, Map.of());
    String signature = signature(method, canonicalPath(url), canonicalQuery, all, signedHeaders, payloadHash, stamp);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : all.entrySet()) {
      if (!h.getKey().equals("host")) {
        out.put(h.getKey(), h.getValue());
      }
    }
    out.put("Authorization", ALGORITHM + " Credential=" + accessKey + "/" + scope(stamp) + ", SignedHeaders="
        + signedHeaders + ", Signature=" + signature);
    return new Signed(canonicalUrl(url, canonicalQuery), out);
  }

  /**
   * A presigned URL: anyone holding it may make this request until it expires.
   *
   * @param expiresSeconds 1 to 604800 (seven days)
   */
  public HttpUrl presign(String method, HttpUrl url, long expiresSeconds, Instant now) {
    if (expiresSeconds < 1 || expiresSeconds > 604_800) {
      throw new IllegalArgumentException("a presigned URL expires after 1 to 604800 seconds (7 days), not "
          + expiresSeconds);
    }
    String stamp = STAMP.format(now);
    Map<String, String> auth = new LinkedHashMap<>();
    auth.put("X-Amz-Algorithm", ALGORITHM);
    auth.put("X-Amz-Credential", accessKey + "/" + scope(stamp));
    auth.put("X-Amz-Date", stamp);
    auth.put("X-Amz-Expires", String.valueOf(expiresSeconds));
    if (sessionToken != null) {
      auth.put("X-Amz-Security-Token", sessionToken);
    }
    auth.put("X-Amz-SignedHeaders", "host");
    String canonicalQuery = canonicalQuery(url, auth);
    Map<String, String> headers = new TreeMap<>(Map.of("host", hostHeader(url)));
    String signature = signature(method, canonicalPath(url), canonicalQuery, headers, "host",
        "s3".equals(service) ? UNSIGNED_PAYLOAD : EMPTY_SHA256, stamp);
    return canonicalUrl(url, canonicalQuery + "&X-Amz-Signature=" + signature);
  }

  private String signature(String method, String path, String query, Map<String, String> headers,
      String signedHeaders, String payloadHash, String stamp) {
    StringBuilder canonical = new StringBuilder();
    canonical.append(method).append('\n').append(path).append('\n').append(query).append('\n');
    for (Map.Entry<String, String> h : headers.entrySet()) {
      canonical.append(h.getKey()).append(':').append(h.getValue().trim().replaceAll(" +", " ")).append('\n');
    }
    canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
    String stringToSign = ALGORITHM + "\n" + stamp + "\n" + scope(stamp) + "\n" + hex(sha256(canonical.toString()));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), stamp.substring(0, 8));
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return hex(hmac(key, stringToSign));
  }

  private String scope(String stamp) {
    return stamp.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
  }

  /** The canonical path: each segment URI-encoded (once for S3, twice for other services). */
  String canonicalPath(HttpUrl url) {
    StringBuilder sb = new StringBuilder();
    for (String segment : url.pathSegments()) {
      String once = encode(segment);
      sb.append('/').append("s3".equals(service) ? once : encode(once));
    }
    return sb.length() == 0 ? "/" : sb.toString();
  }

  private static String canonicalQuery(HttpUrl url, Map<String, String> extra) {
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < url.querySize(); i++) {
      String v = url.queryParameterValue(i);
      pairs.add(new String[] {encode(url.queryParameterName(i)), encode(v == null ? "" : v)});
    }
    for (Map.Entry<String, String> e : extra.entrySet()) {
      pairs.add(new String[] {encode(e.getKey()), encode(e.getValue())});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(p[0]).append('=').append(p[1]);
    }
    return sb.toString();
  }

  private HttpUrl canonicalUrl(HttpUrl url, String encodedQuery) {
    StringBuilder path = new StringBuilder();
    for (String segment : url.pathSegments()) {
      path.append('/').append(encode(segment));
    }
    return url.newBuilder().encodedPath(path.length() == 0 ? "/" : path.toString())
        .encodedQuery(encodedQuery.isEmpty() ? null : encodedQuery).build();
  }

  private static String hostHeader(HttpUrl url) {
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port();
  }

  /** URI encoding as AWS wants it: everything but {@code A-Z a-z 0-9 - _ . ~} as {@code %XY}, upper case hex. */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
          || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  static byte[] sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
