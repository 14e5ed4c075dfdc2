package dev.weft.credential;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals credential values with AES-256-GCM. Thread-safe.
 *
 * <p>Sealed text has the form {@code v1:<keyId>:<base64(nonce | ciphertext | tag)>}: a fresh random 96-bit nonce per
 * seal, a 128-bit authentication tag, and the credential id bound in as associated data, so sealed text copied onto
 * another credential, or altered in any way, fails to open.
 *
 * <p>Keys form a ring: {@link #seal} always uses the primary key, {@link #open} uses whichever known key the sealed
 * text names. To rotate, add a new primary key and keep the old one, {@link #reseal} every credential (see
 * {@link CredentialService#resealAll()}), then drop the old key.
 *
 * <p>Keys come from configuration as base64 of 32 random bytes ({@link #generateKey()} makes one); see
 * {@link #fromConfig(String)}. Key material never appears in {@link #toString()} or in exception messages.
 */
public final class CredentialCipher {
  private static final String VERSION = "v1";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, SecretKey> keys;
  private final String primaryKeyId;

  private CredentialCipher(Map<String, SecretKey> keys, String primaryKeyId) {
    Map<String, SecretKey> ordered = new LinkedHashMap<>();
    ordered.put(primaryKeyId, keys.get(primaryKeyId));
    ordered.putAll(keys);
    this.keys = Collections.unmodifiableMap(ordered);
    this.primaryKeyId = primaryKeyId;
  }

  /** Starts a key ring. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A cipher from configuration text: {@code keyId=base64Key} entries separated by commas (or semicolons or
   * whitespace); the first entry is the primary key. For example {@code 2026a=q83v...=,2025b=Zm9v...=}.
   *
   * @throws IllegalArgumentException naming the entry or key id at fault (never the key material)
   */
  public static CredentialCipher fromConfig(String config) {
    if (config == null || config.isBlank()) {
      throw new IllegalArgumentException(
          "credential key configuration is empty; expected keyId=base64Key entries, for example main="
              + "<base64 of 32 random bytes>");
    }
    Builder builder = builder();
    int position = 0;
    for (String entry : config.trim().split("[,;\\s]+")) {
      position++;
      // Never echo an entry's text here: when the id is missing, what precedes '=' is key material. A bare base64
      // key has no '=' at all or only its trailing padding, so the separator must be followed by a non-'=' char.
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1 || entry.charAt(eq + 1) == '='
          || !KEY_ID.matcher(entry.substring(0, eq)).matches()) {
        throw new IllegalArgumentException("credential key entry " + position
            + " is not of the form keyId=base64Key (key ids are 1 to 64 letters, digits, '_', '.' or '-')");
      }
      builder.key(entry.substring(0, eq), entry.substring(eq + 1));
    }
    return builder.build();
  }

  /** A new random key: base64 of 32 bytes, for configuration. */
  public static String generateKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** The id of the key that {@link #seal} uses. */
  public String primaryKeyId() {
    return primaryKeyId;
  }

  /** The ids of every key this cipher can open, primary first. */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  /**
   * Encrypts with the primary key.
   *
   * @param credentialId the id of the credential the plaintext belongs to; bound into the sealed text
   * @param plaintext what to encrypt
   * @return sealed text {@code v1:<keyId>:<base64>}
   */
  public String seal(String credentialId, byte[] plaintext) {
    Objects.requireNonNull(credentialId, "credentialId");
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(primaryKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(credentialId));
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return VERSION + ":" + primaryKeyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new CredentialException(credentialId, "credential '" + credentialId + "' could not be sealed with key '"
          + primaryKeyId + "': " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Decrypts sealed text with the key it names.
   *
   * @param credentialId the id of the credential the sealed text belongs to
   * @throws CredentialException naming the credential and key id when the text is malformed, names an unknown key,
   *     or does not authenticate (altered, or sealed for another credential)
   */
  public byte[] open(String credentialId, String sealed) {
    Objects.requireNonNull(credentialId, "credentialId");
    Parsed parsed = parse(credentialId, sealed);
    SecretKey key = keys.get(parsed.keyId);
    if (key == null) {
      throw new CredentialException(credentialId, "credential '" + credentialId + "' is sealed with key '"
          + parsed.keyId + "', which is not configured; known key ids: " + keys.keySet());
    }
    byte[] body = parsed.body;
    if (body.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new CredentialException(credentialId, "credential '" + credentialId + "' sealed with key '"
          + parsed.keyId + "' is truncated (" + body.length + " bytes)");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, body, 0, NONCE_BYTES));
      cipher.updateAAD(aad(credentialId));
      return cipher.doFinal(body, NONCE_BYTES, body.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new CredentialException(credentialId, "credential '" + credentialId + "' sealed with key '"
          + parsed.keyId + "' failed authentication: the sealed data was altered, belongs to another credential, "
          + "or key '" + parsed.keyId + "' is not the key it was sealed with");
    } catch (GeneralSecurityException e) {
      throw new CredentialException(credentialId, "credential '" + credentialId + "' could not be opened with key '"
          + parsed.keyId + "': " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * The key id sealed text names.
   *
   * @throws CredentialException naming the credential when the text is not sealed text
   */
  public String keyIdOf(String credentialId, String sealed) {
    return parse(credentialId, sealed).keyId;
  }

  /** Whether sealed text uses another key than the primary one (so {@link #reseal} would change it). */
  public boolean needsReseal(String credentialId, String sealed) {
    return !primaryKeyId.equals(keyIdOf(credentialId, sealed));
  }

  /**
   * Re-encrypts sealed text with the primary key; returns it unchanged when it already uses the primary key.
   *
   * @throws CredentialException as {@link #open} does
   */
  public String reseal(String credentialId, String sealed) {
    if (!needsReseal(credentialId, sealed)) {
      open(credentialId, sealed);
      return sealed;
    }
    byte[] plaintext = open(credentialId, sealed);
    try {
      return seal(credentialId, plaintext);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private record Parsed(String keyId, byte[] body) {}

  private static Parsed parse(String credentialId, String sealed) {
    if (sealed == null) {
      throw new CredentialException(credentialId, "credential '" + credentialId + "' has no sealed data");
    }
    int first = sealed.indexOf(':');
    int second = first < 0 ? -1 : sealed.indexOf(':', first + 1);
    if (first < 0 || second < 0) {
      throw new CredentialException(credentialId, "credential '" + credentialId
          + "' sealed data is not of the form v1:<keyId>:<base64>");
    }
    String version = sealed.substring(0, first);
    String keyId = sealed.substring(first + 1, second);
    if (!VERSION.equals(version)) {
      throw new CredentialException(credentialId, "credential '" + credentialId + "' is sealed in format '"
          + abbreviate(version) + "'; this engine reads format " + VERSION);
    }
    if (!KEY_ID.matcher(keyId).matches()) {
      throw new CredentialException(credentialId, "credential '" + credentialId
          + "' sealed data names an invalid key id '" + abbreviate(keyId) + "'");
    }
    try {
      return new Parsed(keyId, Base64.getDecoder().decode(sealed.substring(second + 1)));
    } catch (IllegalArgumentException e) {
      throw new CredentialException(credentialId, "credential '" + credentialId + "' sealed with key '" + keyId
          + "' is not valid base64");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 20 ? s : s.substring(0, 20) + "...";
  }

  private static byte[] aad(String credentialId) {
    return ("weft-credential:" + credentialId).getBytes(StandardCharsets.UTF_8);
  }

  /** Shows the key ids, never key material. */
  @Override
  public String toString() {
    return "CredentialCipher[primary=" + primaryKeyId + ", keys=" + keys.keySet() + "]";
  }

  /** Builds a {@link CredentialCipher}: a ring of keys, one of them primary. */
  public static final class Builder {
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private String primary;

    private Builder() {}

    /**
     * Adds a key; the first key added is primary unless {@link #primary(String)} says otherwise.
     *
     * @param keyId 1 to 64 of {@code A-Z a-z 0-9 _ . -}
     * @param base64Key base64 of exactly 32 bytes
     * @throws IllegalArgumentException naming the key id when either is wrong (never the key material)
     */
    public Builder key(String keyId, String base64Key) {
      if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
        throw new IllegalArgumentException("credential key id '" + keyId
            + "' must be 1 to 64 letters, digits, '_', '.' or '-'");
      }
      if (keys.containsKey(keyId)) {
        throw new IllegalArgumentException("credential key id '" + keyId + "' is configured twice");
      }
      if (base64Key == null || base64Key.isBlank()) {
        throw new IllegalArgumentException("credential key '" + keyId + "' has no value; expected base64 of "
            + KEY_BYTES + " random bytes");
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(base64Key.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("credential key '" + keyId + "' is not valid base64; expected base64 of "
            + KEY_BYTES + " random bytes");
      }
      try {
        if (raw.length != KEY_BYTES) {
          throw new IllegalArgumentException("credential key '" + keyId + "' is " + raw.length
              + " bytes long; AES-256 needs exactly " + KEY_BYTES + " bytes (base64 of 32 random bytes)");
        }
        keys.put(keyId, new SecretKeySpec(raw, "AES"));
        if (primary == null) {
          primary = keyId;
        }
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
      return this;
    }

    /** Makes an added key the primary one, used for sealing. */
    public Builder primary(String keyId) {
      this.primary = keyId;
      return this;
    }

    /**
     * The cipher.
     *
     * @throws IllegalArgumentException when no key was added or the primary key id is not among them
     */
    public CredentialCipher build() {
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("a credential cipher needs at least one key");
      }
      if (!keys.containsKey(primary)) {
        throw new IllegalArgumentException("primary credential key '" + primary + "' is not among the configured keys "
            + keys.keySet());
      }
      return new CredentialCipher(keys, primary);
    }
  }
}
