package dev.weft.nodes.utility.crypto;

import static dev.weft.nodes.utility.io.Runs.failure;
import static dev.weft.nodes.utility.io.Runs.json;
import static dev.weft.nodes.utility.io.Runs.ok;
import static dev.weft.nodes.utility.io.Runs.parse;
import static dev.weft.nodes.utility.io.Runs.quote;
import static dev.weft.nodes.utility.io.Runs.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CryptoNodeTest {

  private static String hash(String algorithm, String encoding) {
    return single("Crypto", "weft.crypto", """
        { "action": "hash", "value": "{{ $json.text }}", "algorithm": "%s", "encoding": "%s", "outputField": "digest" }"""
        .formatted(algorithm, encoding));
  }

  private static Object digest(ExecutionResult r) {
    return r.items("Crypto").get(0).json().get("digest");
  }

  @Test
  void hashesWithEachAlgorithm() {
    String abc = "[{\"text\": \"abc\"}]";
    assertThat(digest(ok(hash("MD5", "hex"), abc))).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    assertThat(digest(ok(hash("SHA1", "hex"), abc))).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    assertThat(digest(ok(hash("SHA256", "hex"), abc)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(digest(ok(hash("SHA3-256", "hex"), abc)))
        .isEqualTo("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
    assertThat(digest(ok(hash("SHA256", "base64"), abc))).isEqualTo("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  }

  @Test
  void keepsTheItemsFieldsAndWritesNestedOutput() {
    ExecutionResult r = ok(single("Crypto", "weft.crypto", """
        { "action": "hash", "value": "{{ $json.text }}", "algorithm": "MD5", "outputField": "meta.md5" }"""),
        "[{\"text\": \"abc\", \"id\": 1}]");

    assertThat(json(r.items("Crypto")))
        .isEqualTo(parse("[{\"text\": \"abc\", \"id\": 1, \"meta\": {\"md5\": \"900150983cd24fb0d6963f7d28e17f72\"}}]"));
  }

  @Test
  void computesAnHmac() {
    ExecutionResult r = ok(single("Crypto", "weft.crypto", """
        { "action": "hmac", "value": "{{ $json.text }}", "algorithm": "SHA256", "keySource": "parameter",
          "secret": "key", "outputField": "mac" }"""), "[{\"text\": \"The quick brown fox jumps over the lazy dog\"}]");

    assertThat(r.items("Crypto").get(0).json().get("mac"))
        .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void takesTheHmacSecretFromACredential() throws Exception {
    try (dev.weft.Weft weft = dev.weft.Weft.builder().nodePack(new dev.weft.nodes.utility.UtilityNodes())
        .credentials((a, b, c) -> {
          if (!java.util.List.of(a, b, c).contains(CryptoNode.KEY_CREDENTIAL)) {
            throw new dev.weft.spi.NodeException("unexpected credential lookup " + a + ", " + b + ", " + c);
          }
          return new dev.weft.spi.Credentials("key-1", CryptoNode.KEY_CREDENTIAL, java.util.Map.of("secret", "key"));
        }).build()) {
      String workflow = """
          { "name": "hmac",
            "nodes": [
              { "name": "Start", "type": "weft.manualTrigger" },
              { "name": "Crypto", "type": "weft.crypto", "credentials": { "weft.cryptoKey": "key-1" },
                "parameters": { "action": "hmac", "value": "{{ $json.text }}", "keySource": "credential", "outputField": "mac" } } ],
            "connections": [ { "from": "Start", "to": "Crypto" } ] }""";
      ExecutionResult r = weft.run(dev.weft.workflow.Workflow.fromJson(workflow),
          dev.weft.nodes.utility.io.Runs.items("[{\"text\": \"The quick brown fox jumps over the lazy dog\"}]"));

      assertThat(r.error()).isNull();
      assertThat(r.items("Crypto").get(0).json().get("mac"))
          .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }
  }

  @Test
  void hashesABinaryProperty() {
    String workflow = """
        { "name": "hash file",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "File", "type": "weft.convertToFile", "parameters": { "operation": "text", "sourceField": "text" } },
            { "name": "Crypto", "type": "weft.crypto",
              "parameters": { "action": "hash", "inputSource": "binary", "binaryProperty": "data", "algorithm": "SHA256",
                              "outputField": "digest" } } ],
          "connections": [ { "from": "Start", "to": "File" }, { "from": "File", "to": "Crypto" } ] }""";
    ExecutionResult r = ok(workflow, "[{\"text\": \"abc\"}]");

    assertThat(digest(r)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(r.items("Crypto").get(0).binary()).containsKey("data");
  }

  @Test
  void signsWithAnRsaKeyThatTheSignatureVerifiesAgainst() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    String signature = sign(keys, "RSA-SHA256");

    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(keys.getPublic());
    verifier.update("pay 10 EUR".getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(Base64.getDecoder().decode(signature))).isTrue();
  }

  @Test
  void signsWithAnEcKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    String signature = sign(keys, "ECDSA-SHA256");

    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(keys.getPublic());
    verifier.update("pay 10 EUR".getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(Base64.getDecoder().decode(signature))).isTrue();
  }

  private static String sign(KeyPair keys, String algorithm) {
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    ExecutionResult r = ok(single("Crypto", "weft.crypto", """
        { "action": "sign", "value": "{{ $json.text }}", "signatureAlgorithm": "%s", "keySource": "parameter",
          "privateKey": %s, "encoding": "base64", "outputField": "signature" }""".formatted(algorithm, quote(pem))),
        "[{\"text\": \"pay 10 EUR\"}]");
    return (String) r.items("Crypto").get(0).json().get("signature");
  }

  @Test
  void refusesAKeyOfTheWrongKind() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----";
    var error = failure(single("Crypto", "weft.crypto", """
        { "action": "sign", "value": "x", "signatureAlgorithm": "RSA-SHA256", "keySource": "parameter",
          "privateKey": %s }""".formatted(quote(pem))), "[{}]");

    assertThat(error.parameter()).isEqualTo("privateKey");
    assertThat(error.message()).contains("EC key").contains("needs an RSA key");
  }

  @Test
  void refusesTextThatIsNotPem() {
    var error = failure(single("Crypto", "weft.crypto", """
        { "action": "sign", "value": "x", "keySource": "parameter", "privateKey": "not a key" }"""), "[{}]");

    assertThat(error.parameter()).isEqualTo("privateKey");
    assertThat(error.message()).contains("not PEM");
  }

  @Test
  void refusesAnUnknownAlgorithm() {
    var error = failure(hash("{{ $json.alg }}", "hex"), "[{\"text\": \"abc\", \"alg\": \"SHA999\"}]");

    assertThat(error.parameter()).isEqualTo("algorithm");
    assertThat(error.message()).contains("SHA999");
  }

  @Test
  void aMissingBinaryPropertyIsNamed() {
    var error = failure(single("Crypto", "weft.crypto",
        "{ \"action\": \"hash\", \"inputSource\": \"binary\", \"binaryProperty\": \"file\" }"), "[{}]");

    assertThat(error.parameter()).isEqualTo("binaryProperty");
    assertThat(error.message()).contains("no binary property 'file'");
  }

  @Test
  void generatesRandomValuesOfTheAskedShape() {
    ExecutionResult r = ok("""
        { "name": "random",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Uuid", "type": "weft.crypto", "parameters": { "action": "generate", "generateType": "uuid", "outputField": "id" } },
            { "name": "Hex", "type": "weft.crypto", "parameters": { "action": "generate", "generateType": "hex", "length": 7, "outputField": "hex" } },
            { "name": "Digits", "type": "weft.crypto", "parameters": { "action": "generate", "generateType": "digits", "length": 6, "outputField": "pin" } },
            { "name": "B64", "type": "weft.crypto", "parameters": { "action": "generate", "generateType": "base64", "length": 10, "outputField": "b" } } ],
          "connections": [ { "from": "Start", "to": "Uuid" }, { "from": "Uuid", "to": "Hex" }, { "from": "Hex", "to": "Digits" },
                           { "from": "Digits", "to": "B64" } ] }""", "[{}]");

    var item = r.items("B64").get(0).json();
    assertThat((String) item.get("id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat((String) item.get("hex")).matches("[0-9a-f]{7}");
    assertThat((String) item.get("pin")).matches("[0-9]{6}");
    assertThat((String) item.get("b")).matches("[A-Za-z0-9+/]{10}");
  }

  @Test
  void refusesALengthOfZero() {
    var error = failure(single("Crypto", "weft.crypto",
        "{ \"action\": \"generate\", \"generateType\": \"hex\", \"length\": 0 }"), "[{}]");

    assertThat(error.parameter()).isEqualTo("length");
  }
}
