package dev.weft.server;

import dev.weft.credential.CredentialCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;

/**
 * The server's secrets: the credential encryption keys and the token signing secret, from the configuration or
 * generated once into files of the data folder that only the owner may read.
 */
final class Keys {
  static final String ENCRYPTION_KEY_FILE = "encryption.key";
  static final String JWT_SECRET_FILE = "jwt.secret";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private Keys() {}

  /** The credential cipher: configured keys, or the data folder's key (generated on first start). */
  static CredentialCipher cipher(ServerConfig config) {
    String text = config.encryptionKey();
    if (text == null) {
      text = readOrCreate(config.dataFolder().resolve(ENCRYPTION_KEY_FILE),
          () -> "k" + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "") + "=" + CredentialCipher.generateKey());
    }
    try {
      return CredentialCipher.fromConfig(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the credential encryption key " + (config.encryptionKey() == null
          ? "in " + config.dataFolder().resolve(ENCRYPTION_KEY_FILE).toAbsolutePath() : "(WEFT_ENCRYPTION_KEY)")
          + " is unusable: " + e.getMessage(), e);
    }
  }

  /** The token signing secret, at least 32 bytes. */
  static byte[] jwtSecret(ServerConfig config) {
    String text = config.jwtSecret();
    String where = "WEFT_JWT_SECRET";
    if (text == null) {
      Path file = config.dataFolder().resolve(JWT_SECRET_FILE);
      where = file.toAbsolutePath().toString();
      text = readOrCreate(file, () -> {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
      });
    }
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the token secret in " + where + " is not base64", e);
    }
    if (secret.length < 32) {
      throw new IllegalArgumentException("the token secret in " + where + " must be at least 32 bytes, it has "
          + secret.length);
    }
    return secret;
  }

  private static String readOrCreate(Path file, java.util.function.Supplier<String> generate) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      String value = generate.get();
      try {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
          Files.createFile(file);
        }
      } catch (FileAlreadyExistsException raced) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("the key file " + file.toAbsolutePath() + " cannot be read or created: "
          + e.getMessage(), e);
    }
  }
}
