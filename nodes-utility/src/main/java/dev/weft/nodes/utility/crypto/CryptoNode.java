package dev.weft.nodes.utility.crypto;

import dev.weft.nodes.utility.io.NodeIo;
import dev.weft.spi.BinaryData;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Crypto ({@code weft.crypto}): hashes, HMACs or signs a text value or a binary property, or generates a random
 * value, and writes the result (hex or base64) into a field. HMAC secrets and private keys come from a parameter or
 * from a {@code weft.cryptoKey} credential. Binary content is streamed, never loaded whole.
 */
public final class CryptoNode implements ItemNode {
  /** The credential type holding an HMAC secret and/or a PEM private key. */
  public static final String KEY_CREDENTIAL = "weft.cryptoKey";

  /** The {@code weft.cryptoKey} credential type. */
  public static final CredentialType KEY_CREDENTIAL_TYPE = CredentialType.builder(KEY_CREDENTIAL)
      .displayName("Crypto Key")
      .description("A secret for HMACs and/or a PEM private key (PKCS#8, or PKCS#1 for RSA) for signing.")
      .fields(
          ParameterSpec.string("secret").displayName("HMAC Secret").secret(),
          ParameterSpec.string("privateKey").displayName("Private Key (PEM)").secret())
      .build();

  private static final Option[] HASHES = {
      Option.of("MD5"), Option.of("SHA1", "SHA-1"), Option.of("SHA256", "SHA-256"), Option.of("SHA384", "SHA-384"),
      Option.of("SHA512", "SHA-512"), Option.of("SHA3-256"), Option.of("SHA3-384"), Option.of("SHA3-512")};

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.crypto")
      .displayName("Crypto")
      .group("transform")
      .description("Hashes, HMACs or signs a value or file, or generates random values.")
      .icon("fa:key")
      .credential(KEY_CREDENTIAL, false)
      .parameters(
          ParameterSpec.options("action",
              new Option("hash", "Hash", "A digest of the input."),
              new Option("hmac", "HMAC", "A keyed digest of the input."),
              new Option("sign", "Sign", "A signature of the input with a private key."),
              new Option("generate", "Generate", "A random value.")).displayName("Action"),
          ParameterSpec.options("inputSource", new Option("value", "Value", "Text given in 'value'."),
                  new Option("binary", "Binary property", "The content of a binary property."))
              .displayName("Input").displayWhen("action", "hash", "hmac", "sign"),
          ParameterSpec.string("value").displayName("Value").displayWhen("inputSource", "value")
              .description("The text to process, usually an expression such as {{ $json.payload }}."),
          ParameterSpec.string("binaryProperty").displayName("Binary Property").defaultValue("data")
              .displayWhen("inputSource", "binary"),
          ParameterSpec.options("algorithm", HASHES).displayName("Algorithm").defaultValue("SHA256")
              .displayWhen("action", "hash", "hmac"),
          ParameterSpec.options("signatureAlgorithm",
                  Option.of("RSA-SHA256"), Option.of("RSA-SHA384"), Option.of("RSA-SHA512"), Option.of("RSA-SHA1"),
                  Option.of("ECDSA-SHA256"), Option.of("ECDSA-SHA384"), Option.of("ECDSA-SHA512"))
              .displayName("Signature Algorithm").displayWhen("action", "sign"),
          ParameterSpec.options("keySource", new Option("parameter", "Parameter", "The key is given below."),
                  new Option("credential", "Credential", "The key comes from a " + KEY_CREDENTIAL + " credential."))
              .displayName("Key Source").displayWhen("action", "hmac", "sign"),
          ParameterSpec.string("secret").displayName("Secret").secret().displayWhen("keySource", "parameter")
              .description("The HMAC secret (for HMAC)."),
          ParameterSpec.string("privateKey").displayName("Private Key").secret().displayWhen("keySource", "parameter")
              .description("PEM private key (for Sign): PKCS#8 'PRIVATE KEY', or PKCS#1 'RSA PRIVATE KEY'."),
          ParameterSpec.options("encoding", Option.of("hex", "Hex"), Option.of("base64", "Base64"))
              .displayName("Encoding").displayWhen("action", "hash", "hmac", "sign"),
          ParameterSpec.options("generateType",
                  new Option("uuid", "UUID", "A random UUID (version 4)."),
                  new Option("hex", "Hex", "Random bytes as hex characters."),
                  new Option("base64", "Base64", "Random bytes as base64 characters."),
                  new Option("digits", "Digits", "Random decimal digits."),
                  new Option("alphanumeric", "Letters and digits", "Random A-Z, a-z and 0-9."))
              .displayName("Type").displayWhen("action", "generate"),
          ParameterSpec.number("length").displayName("Length").defaultValue(32L)
              .displayWhen("generateType", "hex", "base64", "digits", "alphanumeric")
              .description("Number of characters to generate."),
          ParameterSpec.string("outputField").displayName("Output Field").defaultValue("data").required()
              .description("Where to write the result; dots reach into nested objects."))
      .build();

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Item process(Item item, int i, NodeContext context) throws Exception {
    String action = context.string("action", i);
    String result = switch (action == null ? "hash" : action) {
      case "hash" -> encode(context, i, digest(context, item, i, algorithm(context, i, false)));
      case "hmac" -> encode(context, i, hmac(context, item, i));
      case "sign" -> encode(context, i, sign(context, item, i));
      case "generate" -> generate(context, i);
      default -> throw NodeException.parameter("action", i,
          "'" + action + "' is not a crypto action; use hash, hmac, sign or generate");
    };
    String field = context.string("outputField", i);
    if (field == null || field.isBlank()) {
      throw NodeException.parameter("outputField", i, "parameter 'outputField' is empty: name the field for the result");
    }
    Map<String, Object> json = NodeIo.copy(item);
    Json.set(json, field, result);
    return item.withJson(json);
  }

  private static String algorithm(NodeContext context, int i, boolean forMac) throws NodeException {
    String a = context.string("algorithm", i);
    String name = switch (a == null ? "SHA256" : a.toUpperCase(java.util.Locale.ROOT)) {
      case "MD5" -> "MD5";
      case "SHA1", "SHA-1" -> "SHA-1";
      case "SHA256", "SHA-256" -> "SHA-256";
      case "SHA384", "SHA-384" -> "SHA-384";
      case "SHA512", "SHA-512" -> "SHA-512";
      case "SHA3-256" -> "SHA3-256";
      case "SHA3-384" -> "SHA3-384";
      case "SHA3-512" -> "SHA3-512";
      default -> throw NodeException.parameter("algorithm", i, "'" + a
          + "' is not a supported algorithm; use MD5, SHA1, SHA256, SHA384, SHA512, SHA3-256, SHA3-384 or SHA3-512");
    };
    return forMac ? "Hmac" + name.replace("-", "") : name;
  }

  private interface Sink {
    void update(byte[] data, int offset, int length) throws GeneralSecurityException;
  }

  /** Feeds the input (text or streamed binary) to {@code sink}. */
  private static void feed(NodeContext context, Item item, int i, Sink sink) throws Exception {
    if ("binary".equals(context.string("inputSource", i))) {
      String property = context.string("binaryProperty", i);
      BinaryData data = NodeIo.binary(item, property, "binaryProperty", i);
      try (InputStream in = context.binaries().open(data)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          sink.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw NodeException.item(i, "binary property '" + property + "' could not be read: "
            + e.getMessage(), e);
      }
      return;
    }
    Object value = context.parameter("value", i);
    if (value == null) {
      throw NodeException.parameter("value", i, "parameter 'value' is empty: give the text to process");
    }
    String text = value instanceof Map || value instanceof java.util.List
        ? NodeIo.writeJson(context, value, false) : value.toString();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    sink.update(bytes, 0, bytes.length);
  }

  private static byte[] digest(NodeContext context, Item item, int i, String algorithm) throws Exception {
    MessageDigest md = MessageDigest.getInstance(algorithm);
    feed(context, item, i, md::update);
    return md.digest();
  }

  private static byte[] hmac(NodeContext context, Item item, int i) throws Exception {
    String secret = key(context, i, "secret");
    Mac mac = Mac.getInstance(algorithm(context, i, true));
    byte[] keyBytes = secret.getBytes(StandardCharsets.UTF_8);
    // An empty secret is legal for HMAC but SecretKeySpec refuses it; a zero byte is the same key under HMAC's padding.
    mac.init(new SecretKeySpec(keyBytes.length == 0 ? new byte[1] : keyBytes, mac.getAlgorithm()));
    feed(context, item, i, mac::update);
    return mac.doFinal();
  }

  private static byte[] sign(NodeContext context, Item item, int i) throws Exception {
    String algorithm = context.string("signatureAlgorithm", i);
    String javaName = switch (algorithm == null ? "RSA-SHA256" : algorithm) {
      case "RSA-SHA256" -> "SHA256withRSA";
      case "RSA-SHA384" -> "SHA384withRSA";
      case "RSA-SHA512" -> "SHA512withRSA";
      case "RSA-SHA1" -> "SHA1withRSA";
      case "ECDSA-SHA256" -> "SHA256withECDSA";
      case "ECDSA-SHA384" -> "SHA384withECDSA";
      case "ECDSA-SHA512" -> "SHA512withECDSA";
      default -> throw NodeException.parameter("signatureAlgorithm", i, "'" + algorithm
          + "' is not a supported signature algorithm; use RSA-SHA256/384/512, RSA-SHA1 or ECDSA-SHA256/384/512");
    };
    String keyParam = "privateKey";
    PrivateKey key = PemKeys.privateKey(key(context, i, keyParam), keyParam, i);
    boolean rsa = javaName.endsWith("RSA");
    if (rsa != "RSA".equals(key.getAlgorithm())) {
      throw NodeException.parameter(keyParam, i, "the private key is an " + key.getAlgorithm()
          + " key, but the signature algorithm " + algorithm + " needs an " + (rsa ? "RSA" : "EC") + " key");
    }
    Signature signature = Signature.getInstance(javaName);
    signature.initSign(key);
    feed(context, item, i, signature::update);
    return signature.sign();
  }

  private static String key(NodeContext context, int i, String field) throws NodeException {
    if ("credential".equals(context.string("keySource", i))) {
      return context.credentials(KEY_CREDENTIAL).require(field);
    }
    String value = context.string(field, i);
    if (value == null || value.isEmpty() && !"secret".equals(field)) {
      throw NodeException.parameter(field, i, "parameter '" + field + "' is empty: give the key, or take it from a "
          + KEY_CREDENTIAL + " credential with keySource = credential");
    }
    return value;
  }

  private static String encode(NodeContext context, int i, byte[] bytes) throws NodeException {
    String encoding = context.string("encoding", i);
    if (encoding == null || "hex".equals(encoding)) {
      return HexFormat.of().formatHex(bytes);
    }
    if ("base64".equals(encoding)) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    throw NodeException.parameter("encoding", i, "'" + encoding + "' is not an encoding; use hex or base64");
  }

  private static String generate(NodeContext context, int i) throws NodeException {
    String type = context.string("generateType", i);
    if (type == null || "uuid".equals(type)) {
      return UUID.randomUUID().toString();
    }
    Number n = context.parameter("length", i, Number.class);
    if (n == null || n.doubleValue() < 1 || n.doubleValue() > 1_000_000 || n.doubleValue() != Math.floor(n.doubleValue())) {
      throw NodeException.parameter("length", i, "length must be a whole number from 1 to 1000000, was " + n);
    }
    int length = n.intValue();
    switch (type) {
      case "hex" -> {
        byte[] bytes = new byte[(length + 1) / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, length);
      }
      case "base64" -> {
        byte[] bytes = new byte[(length * 3 + 3) / 4];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
      }
      case "digits", "alphanumeric" -> {
        String alphabet = "digits".equals(type) ? "0123456789" : ALPHANUMERIC;
        StringBuilder sb = new StringBuilder(length);
        for (int k = 0; k < length; k++) {
          sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
      }
      default -> throw NodeException.parameter("generateType", i,
          "'" + type + "' is not a type to generate; use uuid, hex, base64, digits or alphanumeric");
    }
  }
}
