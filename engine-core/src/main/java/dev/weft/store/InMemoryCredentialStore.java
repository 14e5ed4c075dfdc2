package dev.weft.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A {@link CredentialStore} in memory: thread-safe, lost when the process ends. */
public final class InMemoryCredentialStore implements CredentialStore {
  private final Clock clock;
  private final Map<String, CredentialRecord> credentials = new HashMap<>();

  /** A store on the system clock. */
  public InMemoryCredentialStore() {
    this(Clock.systemUTC());
  }

  /** A store that takes timestamps from {@code clock}. */
  public InMemoryCredentialStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized CredentialRecord create(CredentialRecord record) {
    Objects.requireNonNull(record, "record");
    String id = record.id() == null ? UUID.randomUUID().toString() : record.id();
    if (credentials.containsKey(id)) {
      throw new DuplicateIdException("credential", id);
    }
    Instant now = clock.instant();
    CredentialRecord stored =
        new CredentialRecord(id, record.name(), record.type(), record.ownerId(), record.sealedData(), now, now);
    credentials.put(id, stored);
    return stored;
  }

  @Override
  public synchronized CredentialRecord update(CredentialRecord record) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(record.id(), "id of the credential to update");
    CredentialRecord current = credentials.get(record.id());
    if (current == null) {
      throw new RecordNotFoundException("credential", record.id());
    }
    CredentialRecord stored = new CredentialRecord(current.id(), record.name(), record.type(), record.ownerId(),
        record.sealedData(), current.createdAt(), clock.instant());
    credentials.put(stored.id(), stored);
    return stored;
  }

  @Override
  public synchronized Optional<CredentialRecord> get(String id) {
    return Optional.ofNullable(id == null ? null : credentials.get(id));
  }

  @Override
  public synchronized List<CredentialRecord> list(String ownerId, String type) {
    List<CredentialRecord> result = new ArrayList<>();
    for (CredentialRecord c : credentials.values()) {
      if ((ownerId == null || ownerId.equals(c.ownerId())) && (type == null || type.equals(c.type()))) {
        result.add(c);
      }
    }
    result.sort(Comparator.comparing((CredentialRecord c) -> c.name().toLowerCase(Locale.ROOT))
        .thenComparing(CredentialRecord::id));
    return result;
  }

  @Override
  public synchronized boolean delete(String id) {
    return id != null && credentials.remove(id) != null;
  }
}
