package dev.weft.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A {@link UserStore} in memory: thread-safe, lost when the process ends. */
public final class InMemoryUserStore implements UserStore {
  private static final String KIND = "user";
  private final Clock clock;
  private final Map<String, UserRecord> users = new HashMap<>();
  /** User id by e-mail key. */
  private final Map<String, String> byEmail = new HashMap<>();

  /** A store on the system clock. */
  public InMemoryUserStore() {
    this(Clock.systemUTC());
  }

  /** A store that takes timestamps from {@code clock}. */
  public InMemoryUserStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized UserRecord create(UserRecord record) {
    Objects.requireNonNull(record, "record");
    String id = record.id() == null ? UUID.randomUUID().toString() : record.id();
    if (users.containsKey(id)) {
      throw new DuplicateIdException(KIND, id);
    }
    String key = UserRecord.emailKey(record.email());
    String holder = byEmail.get(key);
    if (holder != null) {
      throw new DuplicateValueException(KIND, "email", record.email(), holder);
    }
    Instant now = clock.instant();
    UserRecord stored = new UserRecord(id, record.email(), record.displayName(), record.role(), record.passwordHash(),
        record.disabled(), now, now, 1);
    users.put(id, stored);
    byEmail.put(key, id);
    return stored;
  }

  @Override
  public synchronized UserRecord update(UserRecord record, long expectedVersion) {
    Objects.requireNonNull(record, "record");
    String id = Objects.requireNonNull(record.id(), "id of the user to update");
    UserRecord current = users.get(id);
    if (current == null) {
      throw new RecordNotFoundException(KIND, id);
    }
    if (current.version() != expectedVersion) {
      throw new StaleVersionException(KIND, id, expectedVersion, current.version());
    }
    String oldKey = UserRecord.emailKey(current.email());
    String newKey = UserRecord.emailKey(record.email());
    String holder = byEmail.get(newKey);
    if (holder != null && !holder.equals(id)) {
      throw new DuplicateValueException(KIND, "email", record.email(), holder);
    }
    UserRecord stored = new UserRecord(id, record.email(), record.displayName(), record.role(), record.passwordHash(),
        record.disabled(), current.createdAt(), clock.instant(), expectedVersion + 1);
    users.put(id, stored);
    byEmail.remove(oldKey);
    byEmail.put(newKey, id);
    return stored;
  }

  @Override
  public synchronized Optional<UserRecord> get(String id) {
    return Optional.ofNullable(id == null ? null : users.get(id));
  }

  @Override
  public synchronized Optional<UserRecord> findByEmail(String email) {
    if (email == null) {
      return Optional.empty();
    }
    String id = byEmail.get(UserRecord.emailKey(email));
    return Optional.ofNullable(id == null ? null : users.get(id));
  }

  @Override
  public synchronized Page<UserRecord> list(int offset, int limit) {
    checkPage(offset, limit);
    List<UserRecord> all = new ArrayList<>(users.values());
    all.sort(Comparator.comparing((UserRecord u) -> UserRecord.emailKey(u.email())).thenComparing(UserRecord::id));
    int from = (int) Math.min(offset, all.size());
    int to = (int) Math.min((long) from + limit, all.size());
    return new Page<>(all.subList(from, to), all.size(), offset, limit);
  }

  static void checkPage(int offset, int limit) {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException("a page needs offset >= 0 and limit >= 1, got " + offset + " and " + limit);
    }
  }

  @Override
  public synchronized boolean delete(String id) {
    UserRecord removed = id == null ? null : users.remove(id);
    if (removed == null) {
      return false;
    }
    byEmail.remove(UserRecord.emailKey(removed.email()));
    return true;
  }
}
