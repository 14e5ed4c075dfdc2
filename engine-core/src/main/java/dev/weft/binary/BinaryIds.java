package dev.weft.binary;

import dev.weft.spi.BinaryData;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Random content ids: 32 lowercase hex digits (128 bits), safe as file names. */
final class BinaryIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private BinaryIds() {}

  static String next() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static boolean isValid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  static String describe(BinaryData data) {
    return "binary data '" + data.id() + "'" + (data.fileName() == null ? "" : " (file '" + data.fileName() + "')");
  }
}
