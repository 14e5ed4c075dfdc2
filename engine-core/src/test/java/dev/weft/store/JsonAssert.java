package dev.weft.store;

import dev.weft.spi.Json;

/** JSON equality for the contract tests: numbers by value, so a backend may return {@code Long} for {@code 1}. */
public final class JsonAssert {
  private JsonAssert() {}

  /** Fails unless {@code actual} equals {@code expected} by {@link Json#equal(Object, Object)}. */
  public static void assertJsonEquals(Object expected, Object actual) {
    if (!Json.equal(expected, actual)) {
      throw new AssertionError("JSON differs.\nexpected: " + expected + "\nactual:   " + actual);
    }
  }
}
