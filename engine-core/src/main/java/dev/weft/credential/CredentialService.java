package dev.weft.credential;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.weft.internal.Jackson;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import dev.weft.spi.CredentialUpdates;
import dev.weft.spi.Credentials;
import dev.weft.spi.Json;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Services;
import dev.weft.store.CredentialRecord;
import dev.weft.store.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials as people and the engine use them: validated against their {@link CredentialType}, stored sealed in a
 * {@link CredentialStore}, shown as {@link CredentialView}s without secret values, and decrypted only for the engine
 * ({@link #decrypt(String)}) and for tests ({@link #test(String)}). Thread-safe.
 *
 * <p>Values are validated on every create and update: the type must be known, every field must belong to the type,
 * required fields must be set (a default counts; fields hidden by {@code displayWhen} are not required), and values
 * must be of the field's kind. Messages name the credential, type and field, never a value.
 *
 * <p>Secret values (fields marked {@link ParameterSpec#secret()}) never appear in views, {@code toString()},
 * exception messages or logs; a tester's message has every secret value of the credential replaced by {@code ***}.
 *
 * <p>{@link #update} is last-write-wins: of two concurrent updates of one credential, the later one's values are kept.
 * {@link #updateFields} (what nodes get as {@link CredentialUpdates}) is compare-and-set: it writes only while the
 * stored values are those the caller expects, under a lock per credential shared by every service of this JVM.
 */
public final class CredentialService {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialService.class);
  private static final String MASK = "***";

  private final CredentialStore store;
  private final CredentialCipher cipher;
  private final Function<String, CredentialType> types;
  private final Services services;
  private final CredentialUpdates updates = this::updateForNode;
  /** Serialises field updates of one credential (by id hash) across the services of this JVM. */
  private static final Object[] LOCKS = new Object[64];

  static {
    for (int i = 0; i < LOCKS.length; i++) {
      LOCKS[i] = new Object();
    }
  }

  /**
   * A service.
   *
   * @param store where sealed credentials live
   * @param cipher seals and opens values
   * @param types the credential type of a type id, or {@code null} when there is none
   * @param services handed to {@link CredentialTester}s; {@code null} when the host offers none
   */
  public CredentialService(CredentialStore store, CredentialCipher cipher, Function<String, CredentialType> types,
      Services services) {
    this.store = Objects.requireNonNull(store, "store");
    this.cipher = Objects.requireNonNull(cipher, "cipher");
    this.types = Objects.requireNonNull(types, "types");
    Services host = services;
    this.services = new Services() { // a tester that refreshes a token writes it back like a node does
      @Override
      public <T> T service(Class<T> type) {
        if (type == CredentialUpdates.class) {
          return type.cast(updates);
        }
        if (host == null) {
          throw new IllegalStateException("the host offers no services to credential testers; a tester asked for "
              + type.getName());
        }
        return host.service(type);
      }
    };
  }

  /** Field updates for nodes (see {@link #updateFields}), as the engine offers them as a service. */
  public CredentialUpdates updates() {
    return updates;
  }

  /**
   * Creates a credential.
   *
   * @param name its name, not blank
   * @param type the credential type id
   * @param ownerId the owning user or tenant, or {@code null}
   * @param values field values; {@code null} values count as not set
   * @return the view of the stored credential
   * @throws CredentialValidationException when the type is unknown or the values do not fit it
   */
  public CredentialView create(String name, String type, String ownerId, Map<String, Object> values) {
    requireName(null, name);
    Objects.requireNonNull(type, "credential type");
    CredentialType credentialType = requireType(null, name, type);
    Map<String, Object> clean = validate(null, name, credentialType, values == null ? Map.of() : values);
    String id = UUID.randomUUID().toString();
    CredentialRecord stored = store.create(new CredentialRecord(id, name, type, ownerId, seal(id, clean), null, null));
    LOG.info("Created credential {} '{}' of type {}", id, name, type);
    return view(stored, credentialType, clean);
  }

  /**
   * Changes a credential's name and values. {@code values} replaces the stored values, except that a secret field
   * left out of {@code values} keeps its stored value (so a form need not send secrets back); give a secret field
   * with a {@code null} value to clear it.
   *
   * @param id the credential
   * @param name the new name, or {@code null} to keep it
   * @param values the new values, or {@code null} to keep them all
   * @return the view of the stored credential
   * @throws CredentialException when there is no such credential or its stored values cannot be opened
   * @throws CredentialValidationException when the values do not fit the type
   */
  public CredentialView update(String id, String name, Map<String, Object> values) {
    CredentialRecord current = require(id);
    String newName = name == null ? current.name() : name;
    requireName(id, newName);
    CredentialType type = requireType(id, newName, current.type());
    Map<String, Object> merged;
    if (values == null) {
      merged = open(current);
    } else {
      merged = new LinkedHashMap<>(values);
      Map<String, Object> stored = null;
      for (ParameterSpec field : type.fields()) {
        if (field.secret() && !values.containsKey(field.name())) {
          if (stored == null) {
            stored = open(current);
          }
          if (stored.containsKey(field.name())) {
            merged.put(field.name(), stored.get(field.name()));
          }
        }
      }
    }
    Map<String, Object> clean = validate(id, newName, type, merged);
    CredentialRecord updated = store.update(current.withName(newName).withSealedData(seal(id, clean)));
    LOG.info("Updated credential {} '{}' of type {}", id, newName, current.type());
    return view(updated, type, clean);
  }

  /**
   * Replaces some fields of a credential if the stored values of the {@code expected} fields are still those given
   * (compare-and-set); otherwise writes nothing. Secret fields stay sealed; neither values nor their changes are
   * logged. With no changes, reads the credential.
   *
   * @param id the credential
   * @param expected values the stored credential must hold (defaults count), by field; empty for none
   * @param changes new values by field; a {@code null} value clears the field
   * @return the stored credential's values after the call, defaults filled in (never log them)
   * @throws CredentialException when there is no such credential or its values cannot be opened
   * @throws CredentialValidationException when the changed values do not fit the type
   */
  public Credentials updateFields(String id, Map<String, Object> expected, Map<String, Object> changes) {
    return updateFields(id, null, expected, changes);
  }

  private Credentials updateFields(String id, String typeId, Map<String, Object> expected,
      Map<String, Object> changes) {
    Objects.requireNonNull(id, "credential id");
    synchronized (LOCKS[Math.floorMod(id.hashCode(), LOCKS.length)]) {
      CredentialRecord current = require(id);
      if (typeId != null && !typeId.equals(current.type())) {
        throw new CredentialException(id, "credential '" + id + "' is of type '" + current.type() + "', not '"
            + typeId + "'");
      }
      CredentialType type = requireType(id, current.name(), current.type());
      Map<String, Object> stored = open(current);
      Map<String, Object> seen = withDefaults(type, new LinkedHashMap<>(stored));
      for (Map.Entry<String, Object> e : expected.entrySet()) {
        if (!Objects.equals(seen.get(e.getKey()), e.getValue())) {
          LOG.info("Credential {}: field '{}' changed since it was read; its newer value is kept", id, e.getKey());
          return new Credentials(id, current.type(), seen);
        }
      }
      if (changes.isEmpty()) {
        return new Credentials(id, current.type(), seen);
      }
      Map<String, Object> merged = new LinkedHashMap<>(stored);
      changes.forEach((field, value) -> {
        if (value == null) {
          merged.remove(field);
        } else {
          merged.put(field, value);
        }
      });
      Map<String, Object> clean = validate(id, current.name(), type, merged);
      store.update(current.withSealedData(seal(id, clean)));
      LOG.info("Updated fields {} of credential {} of type {}", new java.util.TreeSet<>(changes.keySet()), id,
          current.type());
      return new Credentials(id, current.type(), withDefaults(type, new LinkedHashMap<>(clean)));
    }
  }

  private Credentials updateForNode(Credentials credentials, Map<String, Object> expected,
      Map<String, Object> changes) throws NodeException {
    if (credentials.id() == null) {
      throw new NodeException("credential of type '" + credentials.type() + "' cannot be updated: it was not read "
          + "from the credential store (it has no id)");
    }
    try {
      return updateFields(credentials.id(), credentials.type(), expected, changes);
    } catch (CredentialException e) {
      throw new NodeException("credential '" + credentials.id() + "' of type '" + credentials.type()
          + "' could not be updated: " + e.getMessage(), e);
    }
  }

  /** The view of a credential, if there is one. A credential whose values cannot be read has a view with an error. */
  public Optional<CredentialView> get(String id) {
    return store.get(id).map(this::view);
  }

  /**
   * Views of the credentials of an owner and of a type, by name.
   *
   * @param ownerId only this owner's credentials, or {@code null} for any owner
   * @param type only credentials of this type, or {@code null} for any type
   */
  public List<CredentialView> list(String ownerId, String type) {
    List<CredentialView> views = new ArrayList<>();
    for (CredentialRecord record : store.list(ownerId, type)) {
      views.add(view(record));
    }
    return views;
  }

  /**
   * Deletes a credential.
   *
   * @return whether there was such a credential
   */
  public boolean delete(String id) {
    boolean deleted = store.delete(id);
    if (deleted) {
      LOG.info("Deleted credential {}", id);
    }
    return deleted;
  }

  /**
   * The decrypted values of a credential, with defaults filled in for fields that are not set: for the engine to hand
   * to a node. Never log or show the result.
   *
   * @throws CredentialException naming the credential when there is none, its type is unknown, or its values cannot
   *     be opened
   */
  public Credentials decrypt(String id) {
    CredentialRecord record = require(id);
    CredentialType type = requireType(id, record.name(), record.type());
    return new Credentials(record.id(), record.type(), withDefaults(type, open(record)));
  }

  private static Map<String, Object> withDefaults(CredentialType type, Map<String, Object> values) {
    for (ParameterSpec field : type.fields()) {
      if (!values.containsKey(field.name()) && field.defaultValue() != null && field.appliesTo(values)) {
        values.put(field.name(), Json.copy(field.defaultValue()));
      }
    }
    return values;
  }

  /**
   * Tests a credential with its type's {@link CredentialTester}. A tester that throws counts as a failed test; the
   * result's message has the credential's secret values masked.
   *
   * @throws CredentialException when there is no such credential, it cannot be decrypted, or its type has no tester
   */
  public CredentialTester.Result test(String id) {
    CredentialRecord record = require(id);
    CredentialType type = requireType(id, record.name(), record.type());
    if (type.tester() == null) {
      throw new CredentialException(id, "credential '" + record.name() + "' (" + id + ") of type '" + type.id()
          + "' cannot be tested: the type has no tester");
    }
    Credentials credentials = decrypt(id);
    CredentialTester.Result result;
    try {
      CredentialTester.Result raw = type.tester().test(credentials, services);
      result = raw == null
          ? CredentialTester.Result.failed("the tester of credential type '" + type.id() + "' returned no result")
          : new CredentialTester.Result(raw.ok(), mask(raw.message(), type, credentials));
    } catch (Exception e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      result = CredentialTester.Result.failed(mask(message, type, credentials));
    }
    LOG.info("Tested credential {} of type {}: {}", id, type.id(), result.ok() ? "ok" : "failed");
    return result;
  }

  /**
   * Re-seals every credential not sealed with the cipher's primary key (key rotation). Credentials that cannot be
   * opened are left as they are and reported together after the others are done.
   *
   * @return how many credentials were re-sealed
   * @throws CredentialException naming every credential that could not be re-sealed, and why
   */
  public int resealAll() {
    int resealed = 0;
    List<String> failures = new ArrayList<>();
    for (CredentialRecord record : store.list(null, null)) {
      try {
        if (cipher.needsReseal(record.id(), record.sealedData())) {
          store.update(record.withSealedData(cipher.reseal(record.id(), record.sealedData())));
          resealed++;
        }
      } catch (CredentialException e) {
        failures.add(e.getMessage());
      }
    }
    LOG.info("Re-sealed {} credentials with key {}", resealed, cipher.primaryKeyId());
    if (!failures.isEmpty()) {
      throw new CredentialException(null, failures.size() + " credentials could not be re-sealed (" + resealed
          + " were): " + String.join("; ", failures));
    }
    return resealed;
  }

  private CredentialRecord require(String id) {
    Objects.requireNonNull(id, "credential id");
    return store.get(id).orElseThrow(() -> new CredentialException(id, "credential '" + id + "' does not exist"));
  }

  private static void requireName(String id, String name) {
    if (name == null || name.isBlank()) {
      throw new CredentialValidationException(id, String.valueOf(name), List.of("a credential needs a name"));
    }
  }

  private CredentialType lookup(String type) {
    try {
      return types.apply(type);
    } catch (RuntimeException e) {
      LOG.debug("Credential type lookup of {} failed", type, e);
      return null;
    }
  }

  private CredentialType requireType(String id, String name, String type) {
    CredentialType found = lookup(type);
    if (found == null) {
      throw new CredentialValidationException(id, name, List.of("unknown credential type '" + type + "'"));
    }
    return found;
  }

  private static Map<String, Object> validate(String id, String name, CredentialType type,
      Map<String, Object> values) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> clean = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      ParameterSpec field = type.field(e.getKey());
      if (field == null) {
        problems.add("credential type '" + type.id() + "' has no field '" + e.getKey() + "' (its fields: "
            + String.join(", ", type.fields().stream().map(ParameterSpec::name).toList()) + ")");
        continue;
      }
      if (e.getValue() == null) {
        continue;
      }
      String wrong = kindProblem(field, e.getValue());
      if (wrong != null) {
        problems.add("field '" + field.name() + "' of credential type '" + type.id() + "' " + wrong);
        continue;
      }
      clean.put(field.name(), Json.copy(e.getValue()));
    }
    for (ParameterSpec field : type.fields()) {
      if (field.required() && field.defaultValue() == null && Json.isEmpty(clean.get(field.name()))
          && field.appliesTo(clean) && !problemsMention(problems, field)) {
        problems.add("credential type '" + type.id() + "' needs field '" + field.name() + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw new CredentialValidationException(id, name, problems);
    }
    return clean;
  }

  private static boolean problemsMention(List<String> problems, ParameterSpec field) {
    String needle = "field '" + field.name() + "'";
    return problems.stream().anyMatch(p -> p.startsWith(needle));
  }

  private static String kindProblem(ParameterSpec field, Object value) {
    String given = Json.typeOf(value);
    return switch (field.type()) {
      case STRING -> value instanceof String ? null : "must be a string, not a " + given;
      case NUMBER -> value instanceof Number ? null : "must be a number, not a " + given;
      case BOOLEAN -> value instanceof Boolean ? null : "must be a boolean, not a " + given;
      case OPTIONS -> field.allows(value) ? null : "must be one of " + optionValues(field);
      case MULTI_OPTIONS -> value instanceof List<?> list && list.stream().allMatch(field::allows)
          ? null : "must be a list of values out of " + optionValues(field);
      case COLLECTION -> value instanceof Map ? null : "must be an object, not a " + given;
      case LIST -> value instanceof List ? null : "must be a list, not a " + given;
      case JSON -> null;
    };
  }

  private static List<Object> optionValues(ParameterSpec field) {
    return field.options().stream().map(o -> o.value()).toList();
  }

  private String seal(String id, Map<String, Object> values) {
    byte[] plaintext = Jackson.write(values).getBytes(StandardCharsets.UTF_8);
    try {
      return cipher.seal(id, plaintext);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private Map<String, Object> open(CredentialRecord record) {
    byte[] plaintext = cipher.open(record.id(), record.sealedData());
    try {
      return Jackson.parseObject(new String(plaintext, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new CredentialException(record.id(), "credential '" + record.id()
          + "' decrypted to data that is not a JSON object");
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private CredentialView view(CredentialRecord record) {
    CredentialType type = lookup(record.type());
    if (type == null) {
      return unreadable(record, "unknown credential type '" + record.type() + "'");
    }
    try {
      return view(record, type, open(record));
    } catch (CredentialException e) {
      LOG.warn("Credential {} cannot be shown: {}", record.id(), e.getMessage());
      return unreadable(record, e.getMessage());
    }
  }

  private static CredentialView unreadable(CredentialRecord record, String error) {
    return new CredentialView(record.id(), record.name(), record.type(), record.ownerId(), Map.of(), Map.of(),
        record.createdAt(), record.updatedAt(), error);
  }

  private static CredentialView view(CredentialRecord record, CredentialType type, Map<String, Object> values) {
    Map<String, Object> shown = new LinkedHashMap<>();
    Map<String, Boolean> secrets = new LinkedHashMap<>();
    for (ParameterSpec field : type.fields()) {
      Object value = values.get(field.name());
      if (field.secret()) {
        secrets.put(field.name(), !Json.isEmpty(value));
      } else if (value != null) {
        shown.put(field.name(), Json.copy(value));
      }
    }
    return new CredentialView(record.id(), record.name(), record.type(), record.ownerId(), shown, secrets,
        record.createdAt(), record.updatedAt(), null);
  }

  private static String mask(String message, CredentialType type, Credentials credentials) {
    if (message == null) {
      return null;
    }
    List<String> secrets = new ArrayList<>();
    for (ParameterSpec field : type.fields()) {
      Object value = credentials.get(field.name());
      if (field.secret() && value != null) {
        String text = value instanceof String s ? s : Jackson.write(value);
        if (!text.isEmpty()) {
          secrets.add(text);
        }
      }
    }
    secrets.sort(Comparator.comparingInt(String::length).reversed());
    String masked = message;
    for (String secret : secrets) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }

  @Override
  public String toString() {
    return "CredentialService[" + cipher + "]";
  }
}
