package dev.weft.nodes.integrations.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * AWS's published Signature Version 4 examples: the S3 "Example signature calculations" (header-based and query
 * string) and cases of the SigV4 test suite.
 */
class SigV4Test {
  private static final Instant MAY_24 = Instant.parse("2013-05-24T00:00:00Z");
  private final SigV4 s3 = new SigV4("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null,
      "us-east-1", "s3");

  private static String signatureOf(SigV4.Signed signed) {
    String auth = signed.headers().get("Authorization");
    return auth.substring(auth.indexOf("Signature=") + "Signature=".length());
  }

  @Test
  void s3GetObjectWithRange() {
    SigV4.Signed signed = s3.sign("GET", HttpUrl.get("https://examplebucket.s3.amazonaws.com/test.txt"),
        Map.of("Range", "bytes=0-9"), SigV4.EMPTY_SHA256, MAY_24);
    assertThat(signed.headers().get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 "
        + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    assertThat(signed.headers()).containsEntry("x-amz-date", "20130524T000000Z")
        .containsEntry("x-amz-content-sha256", SigV4.EMPTY_SHA256);
  }

  @Test
  void s3PutObjectWithAKeyNeedingEncoding() {
    byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);
    String hash = SigV4.hex(SigV4.sha256(body));
    assertThat(hash).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Date", "Fri, 24 May 2013 00:00:00 GMT");
    headers.put("x-amz-storage-class", "REDUCED_REDUNDANCY");
    SigV4.Signed signed = s3.sign("PUT", HttpUrl.get("https://examplebucket.s3.amazonaws.com/test$file.text"),
        headers, hash, MAY_24);
    assertThat(signatureOf(signed)).isEqualTo("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    assertThat(signed.url().encodedPath()).isEqualTo("/test%24file.text");
  }

  @Test
  void s3GetBucketLifecycleAndListObjects() {
    assertThat(signatureOf(s3.sign("GET", HttpUrl.get("https://examplebucket.s3.amazonaws.com/?lifecycle"),
        Map.of(), SigV4.EMPTY_SHA256, MAY_24)))
        .isEqualTo("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    SigV4.Signed list = s3.sign("GET", HttpUrl.get("https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J"),
        Map.of(), SigV4.EMPTY_SHA256, MAY_24);
    assertThat(signatureOf(list)).isEqualTo("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    assertThat(list.url().encodedQuery()).isEqualTo("max-keys=2&prefix=J");
  }

  @Test
  void s3PresignedUrl() {
    HttpUrl url = s3.presign("GET", HttpUrl.get("https://examplebucket.s3.amazonaws.com/test.txt"), 86400, MAY_24);
    assertThat(url.toString()).isEqualTo("https://examplebucket.s3.amazonaws.com/test.txt"
        + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
        + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
        + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    assertThatThrownBy(() -> s3.presign("GET", HttpUrl.get("https://examplebucket.s3.amazonaws.com/t"), 604_801,
        MAY_24)).hasMessageContaining("1 to 604800 seconds");
  }

  @Test
  void testSuiteGetVanillaAndQueryOrder() {
    SigV4 suite = new SigV4("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, "us-east-1", "service");
    Instant when = Instant.parse("2015-08-30T12:36:00Z");
    assertThat(signatureOf(suite.sign("GET", HttpUrl.get("https://example.amazonaws.com/"), Map.of(),
        SigV4.EMPTY_SHA256, when))).isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    assertThat(signatureOf(suite.sign("GET",
        HttpUrl.get("https://example.amazonaws.com/?Param2=value2&Param1=value1"), Map.of(), SigV4.EMPTY_SHA256,
        when))).isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  }

  @Test
  void encodesAsAwsSays() {
    assertThat(SigV4.encode("a b+c/d~e_f.g-h*é")).isEqualTo("a%20b%2Bc%2Fd~e_f.g-h%2A%C3%A9");
    assertThat(s3.canonicalPath(HttpUrl.get("https://b.s3.amazonaws.com/photos/2024/a%20b.jpg")))
        .isEqualTo("/photos/2024/a%20b.jpg");
    SigV4 other = new SigV4("k", "s", null, "us-east-1", "service");
    assertThat(other.canonicalPath(HttpUrl.get("https://example.amazonaws.com/a%20b")))
        .isEqualTo("/a%2520b");
  }

  @Test
  void addsTheSessionTokenOfTemporaryCredentials() {
    SigV4 temporary = new SigV4("ASIAEXAMPLE", "secret", "FwoGZXIvYXdzEBYaDEXAMPLETOKEN", "eu-west-1", "s3");
    SigV4.Signed signed = temporary.sign("GET", HttpUrl.get("https://b.s3.eu-west-1.amazonaws.com/k"), Map.of(),
        SigV4.EMPTY_SHA256, MAY_24);
    assertThat(signed.headers()).containsEntry("x-amz-security-token", "FwoGZXIvYXdzEBYaDEXAMPLETOKEN");
    assertThat(signed.headers().get("Authorization"))
        .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
    assertThat(temporary.presign("GET", HttpUrl.get("https://b.s3.eu-west-1.amazonaws.com/k"), 60, MAY_24)
        .queryParameter("X-Amz-Security-Token")).isEqualTo("FwoGZXIvYXdzEBYaDEXAMPLETOKEN");
  }
}
