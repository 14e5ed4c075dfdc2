package dev.weft.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decrypted credential values handed to a node that declared their type. {@link #toString()} never shows values, so
 * a credential logged by mistake leaks nothing.
 */
public final class Credentials {
  private final String id;
  private final String type;
  private final Map<String, Object> values;

  /**
   * Credentials of a type.
   *
   * @param id the stored credential's id
   * @param type the credential type id
   * @param values field values, decrypted
   */
  public Credentials(String id, String type, Map<String, Object> values) {
    this.id = id;
    this.type = Objects.requireNonNull(type, "type");
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The stored credential's id. */
  public String id() {
    return id;
  }

  /** The credential type id. */
  public String type() {
    return type;
  }

  /** A field's value, or {@code null}. */
  public Object get(String field) {
    return values.get(field);
  }

  /** A field's value as text, or {@code null}. */
  public String string(String field) {
    Object v = values.get(field);
    return v == null ? null : String.valueOf(v);
  }

  /**
   * A field's value as text.
   *
   * @throws NodeException naming the field and credential type when it is missing or empty
   */
  public String require(String field) throws NodeException {
    String v = string(field);
    if (v == null || v.isEmpty()) {
      throw new NodeException("credential '" + type + "' has no value for field '" + field + "'");
    }
    return v;
  }

  /** All values. Never log this. */
  public Map<String, Object> values() {
    return values;
  }

  @Override
  public String toString() {
    return "Credentials[" + type + ", id=" + id + ", fields=" + values.keySet() + "]";
  }
}
