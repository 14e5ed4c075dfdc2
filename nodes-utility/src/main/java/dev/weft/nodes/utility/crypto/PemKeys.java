package dev.weft.nodes.utility.crypto;

import dev.weft.spi.NodeException;
import java.io.ByteArrayOutputStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads PEM private keys: PKCS#8 ({@code PRIVATE KEY}, RSA or EC) and PKCS#1 ({@code RSA PRIVATE KEY}). */
final class PemKeys {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
  /** AlgorithmIdentifier of rsaEncryption with NULL parameters. */
  private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
      (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  private PemKeys() {}

  static PrivateKey privateKey(String pem, String parameter, int itemIndex) throws NodeException {
    Matcher m = PEM.matcher(pem.replace("\\n", "\n"));
    if (!m.find()) {
      throw NodeException.parameter(parameter, itemIndex,
          "the private key is not PEM text: expected '-----BEGIN PRIVATE KEY-----' ... '-----END PRIVATE KEY-----'");
    }
    String kind = m.group(1);
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw NodeException.parameter(parameter, itemIndex, "the private key's base64 body is damaged: " + e.getMessage());
    }
    switch (kind) {
      case "PRIVATE KEY" -> {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
          try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
          } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException wrongAlgorithm) {
            // try the next algorithm
          }
        }
        throw NodeException.parameter(parameter, itemIndex, "the PKCS#8 private key is neither an RSA nor an EC key");
      }
      case "RSA PRIVATE KEY" -> {
        try {
          return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs1(der)));
        } catch (Exception e) {
          throw NodeException.parameter(parameter, itemIndex, "the PKCS#1 RSA private key cannot be read: " + e.getMessage());
        }
      }
      case "ENCRYPTED PRIVATE KEY" -> throw NodeException.parameter(parameter, itemIndex,
          "the private key is encrypted; give it unencrypted (openssl pkcs8 -topk8 -nocrypt)");
      case "EC PRIVATE KEY" -> throw NodeException.parameter(parameter, itemIndex,
          "SEC1 'EC PRIVATE KEY' keys are not read; convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
      default -> throw NodeException.parameter(parameter, itemIndex,
          "a PEM '" + kind + "' is not a private key; give a 'PRIVATE KEY' or 'RSA PRIVATE KEY'");
    }
  }

  /** Wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.write(0x04);
    body.writeBytes(length(pkcs1.length));
    body.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.writeBytes(length(body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] length(int n) {
    if (n < 0x80) {
      return new byte[] {(byte) n};
    }
    if (n < 0x100) {
      return new byte[] {(byte) 0x81, (byte) n};
    }
    if (n < 0x10000) {
      return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    }
    return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
  }
}
