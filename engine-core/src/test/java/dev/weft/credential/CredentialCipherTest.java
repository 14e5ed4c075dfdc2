package dev.weft.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {
  private static final String KEY_1 = CredentialCipher.generateKey();
  private static final String KEY_2 = CredentialCipher.generateKey();
  private static final byte[] SECRET = "{\"apiKey\":\"sk-live-very-secret\"}".getBytes(StandardCharsets.UTF_8);

  private static CredentialCipher ring(String primaryId, String primaryKey) {
    return CredentialCipher.builder().key(primaryId, primaryKey).build();
  }

  @Test
  void sealedTextNamesFormatAndKeyAndOpensBackToThePlaintext() {
    CredentialCipher cipher = ring("k1", KEY_1);

    String sealed = cipher.seal("cred-1", SECRET);

    assertThat(sealed).startsWith("v1:k1:");
    assertThat(sealed).doesNotContain("sk-live");
    byte[] body = Base64.getDecoder().decode(sealed.substring("v1:k1:".length()));
    assertThat(body).hasSize(12 + SECRET.length + 16);
    assertThat(cipher.open("cred-1", sealed)).isEqualTo(SECRET);
    assertThat(cipher.keyIdOf("cred-1", sealed)).isEqualTo("k1");
  }

  @Test
  void theFormatIsPlainAes256GcmWithTheCredentialIdAsAssociatedData() throws Exception {
    CredentialCipher cipher = ring("k1", KEY_1);
    String sealed = cipher.seal("cred-42", SECRET);
    byte[] body = Base64.getDecoder().decode(sealed.substring("v1:k1:".length()));

    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(KEY_1), "AES"),
        new GCMParameterSpec(128, body, 0, 12));
    aes.updateAAD("weft-credential:cred-42".getBytes(StandardCharsets.UTF_8));

    assertThat(aes.doFinal(body, 12, body.length - 12)).isEqualTo(SECRET);
  }

  @Test
  void everySealUsesAFreshNonce() {
    CredentialCipher cipher = ring("k1", KEY_1);
    Set<String> nonces = new HashSet<>();
    Set<String> sealedTexts = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String sealed = cipher.seal("cred-1", SECRET);
      sealedTexts.add(sealed);
      byte[] body = Base64.getDecoder().decode(sealed.substring(6));
      nonces.add(Base64.getEncoder().encodeToString(Arrays.copyOf(body, 12)));
    }
    assertThat(nonces).hasSize(2000);
    assertThat(sealedTexts).hasSize(2000);
  }

  @Test
  void sealedTextOfOneCredentialDoesNotOpenAsAnother() {
    CredentialCipher cipher = ring("k1", KEY_1);
    String sealed = cipher.seal("cred-1", SECRET);

    assertThatThrownBy(() -> cipher.open("cred-2", sealed))
        .isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.credentialId()).isEqualTo("cred-2"))
        .hasMessageContaining("cred-2")
        .hasMessageContaining("'k1'")
        .hasMessageContaining("failed authentication");
  }

  @Test
  void anyAlterationIsDetectedAndReportedWithoutTheData() {
    CredentialCipher cipher = ring("k1", KEY_1);
    String sealed = cipher.seal("cred-1", SECRET);
    byte[] body = Base64.getDecoder().decode(sealed.substring(6));
    for (int position : new int[] {0, 11, 12, 20, body.length - 16, body.length - 1}) {
      byte[] altered = body.clone();
      altered[position] ^= 0x01;
      String tampered = "v1:k1:" + Base64.getEncoder().encodeToString(altered);
      assertThatThrownBy(() -> cipher.open("cred-1", tampered))
          .as("bit flipped at byte %d", position)
          .isInstanceOf(CredentialException.class)
          .hasMessageContaining("cred-1")
          .hasMessageContaining("'k1'")
          .hasMessageNotContaining("sk-live")
          .hasMessageNotContaining(sealed.substring(6, 20));
    }
  }

  @Test
  void anUnknownKeyIdIsNamedWithTheKnownOnes() {
    String sealed = ring("k-old", KEY_1).seal("cred-7", SECRET);
    CredentialCipher current = ring("k-new", KEY_2);

    assertThatThrownBy(() -> current.open("cred-7", sealed))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("cred-7")
        .hasMessageContaining("'k-old'")
        .hasMessageContaining("k-new")
        .hasMessageNotContaining(KEY_1)
        .hasMessageNotContaining(KEY_2);
  }

  @Test
  void theRightKeyIdWithTheWrongKeyFailsAuthentication() {
    String sealed = ring("k1", KEY_1).seal("cred-1", SECRET);
    assertThatThrownBy(() -> ring("k1", KEY_2).open("cred-1", sealed))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("cred-1")
        .hasMessageContaining("'k1'");
  }

  @Test
  void malformedSealedTextIsReportedByKind() {
    CredentialCipher cipher = ring("k1", KEY_1);
    assertThatThrownBy(() -> cipher.open("c", "not sealed at all")).hasMessageContaining("'c'")
        .hasMessageContaining("v1:<keyId>:<base64>");
    assertThatThrownBy(() -> cipher.open("c", "v9:k1:AAAA")).hasMessageContaining("format 'v9'");
    assertThatThrownBy(() -> cipher.open("c", "v1:k1:!!not base64!!")).hasMessageContaining("not valid base64")
        .hasMessageContaining("'k1'");
    assertThatThrownBy(() -> cipher.open("c", "v1:k1:AAAA")).hasMessageContaining("truncated");
    assertThatThrownBy(() -> cipher.open("c", "v1:bad key:AAAA")).hasMessageContaining("invalid key id");
    assertThatThrownBy(() -> cipher.open("c", null)).hasMessageContaining("no sealed data");
  }

  @Test
  void rotationOpensWithAnyKnownKeyAndResealsWithThePrimary() {
    String oldSealed = ring("k1", KEY_1).seal("cred-1", SECRET);
    CredentialCipher rotated = CredentialCipher.builder().key("k1", KEY_1).key("k2", KEY_2).primary("k2").build();

    assertThat(rotated.primaryKeyId()).isEqualTo("k2");
    assertThat(rotated.keyIds()).containsExactly("k2", "k1");
    assertThat(rotated.open("cred-1", oldSealed)).isEqualTo(SECRET);
    assertThat(rotated.needsReseal("cred-1", oldSealed)).isTrue();

    String resealed = rotated.reseal("cred-1", oldSealed);

    assertThat(resealed).startsWith("v1:k2:");
    assertThat(rotated.needsReseal("cred-1", resealed)).isFalse();
    assertThat(rotated.reseal("cred-1", resealed)).isSameAs(resealed);
    assertThat(ring("k2", KEY_2).open("cred-1", resealed)).isEqualTo(SECRET);
    assertThat(rotated.seal("cred-1", SECRET)).startsWith("v1:k2:");
  }

  @Test
  void keysComeFromConfigurationTextFirstEntryPrimary() {
    CredentialCipher cipher = CredentialCipher.fromConfig(" 2026a=" + KEY_2 + ", 2025b=" + KEY_1 + " ");
    assertThat(cipher.primaryKeyId()).isEqualTo("2026a");
    assertThat(cipher.keyIds()).containsExactly("2026a", "2025b");
    assertThat(CredentialCipher.fromConfig("a=" + KEY_1 + ";b=" + KEY_2).keyIds()).containsExactly("a", "b");
    assertThat(CredentialCipher.fromConfig("a=" + KEY_1 + "\nb=" + KEY_2).keyIds()).containsExactly("a", "b");
  }

  @Test
  void badKeyConfigurationIsExplainedWithoutShowingKeyMaterial() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> CredentialCipher.builder().key("k1", shortKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'k1'")
        .hasMessageContaining("16 bytes")
        .hasMessageContaining("32")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> CredentialCipher.builder().key("k1", "not-base64-$$$"))
        .hasMessageContaining("'k1'").hasMessageContaining("base64").hasMessageNotContaining("$$$");
    assertThatThrownBy(() -> CredentialCipher.builder().key("k1", ""))
        .hasMessageContaining("'k1'").hasMessageContaining("no value");
    assertThatThrownBy(() -> CredentialCipher.builder().key("k:1", KEY_1))
        .hasMessageContaining("'k:1'");
    assertThatThrownBy(() -> CredentialCipher.builder().key("k1", KEY_1).key("k1", KEY_2))
        .hasMessageContaining("'k1'").hasMessageContaining("twice");
    assertThatThrownBy(() -> CredentialCipher.builder().key("k1", KEY_1).primary("k9").build())
        .hasMessageContaining("'k9'");
    assertThatThrownBy(() -> CredentialCipher.builder().build()).hasMessageContaining("at least one key");
    assertThatThrownBy(() -> CredentialCipher.fromConfig("")).isInstanceOf(IllegalArgumentException.class);
    String paddedKey = Base64.getEncoder().encodeToString(new byte[31]);
    assertThat(paddedKey).endsWith("=");
    for (String config : List.of("a=" + KEY_1 + "," + KEY_2, "a=" + KEY_1 + "," + paddedKey, "a=" + KEY_1 + ",b=",
        "a=" + KEY_1 + ",=" + KEY_2)) {
      assertThatThrownBy(() -> CredentialCipher.fromConfig(config)).as(config)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("entry 2")
          .hasMessageNotContaining(KEY_2.substring(0, 40))
          .hasMessageNotContaining(paddedKey.substring(0, 40));
    }
  }

  @Test
  void generatedKeysAre32RandomBytes() {
    assertThat(Base64.getDecoder().decode(CredentialCipher.generateKey())).hasSize(32);
    assertThat(CredentialCipher.generateKey()).isNotEqualTo(CredentialCipher.generateKey());
  }

  @Test
  void toStringShowsKeyIdsOnly() {
    CredentialCipher cipher = CredentialCipher.builder().key("k1", KEY_1).key("k2", KEY_2).build();
    assertThat(cipher.toString()).contains("k1", "k2").doesNotContain(KEY_1).doesNotContain(KEY_2);
  }
}
