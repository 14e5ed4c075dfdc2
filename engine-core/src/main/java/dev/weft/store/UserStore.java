package dev.weft.store;

import java.util.Optional;

/**
 * Where user accounts live. Implementations are thread-safe; they store the password hash as given and never try to
 * read it.
 *
 * <p>Every backend promises:
 * <ul>
 *   <li>E-mail addresses are unique ignoring case, compared by {@link UserRecord#emailKey(String)}: of several
 *       creates (or updates) racing for one address, across threads and processes alike, exactly one wins and the
 *       others throw {@link DuplicateValueException}. The address is stored and returned as given.</li>
 *   <li>{@link #create} assigns a random id when the record has none, sets version 1 and both timestamps to the
 *       store's clock.</li>
 *   <li>{@link #update} is optimistic: it succeeds only when the stored version equals {@code expectedVersion}, as one
 *       atomic compare-and-set; of several updates racing with the same expected version exactly one wins and the
 *       others throw {@link StaleVersionException}. It stores every field but the id, {@code createdAt} and the
 *       version, sets {@code updatedAt} to the store's clock and increments the version.</li>
 *   <li>{@link #list} orders by e-mail key, then id, and reports the total number of users.</li>
 * </ul>
 */
public interface UserStore {

  /**
   * Stores a new account.
   *
   * @param record the account; its id may be {@code null}; its timestamps and version are ignored
   * @return the stored account with id, timestamps and version 1
   * @throws DuplicateIdException when a user with the record's id exists
   * @throws DuplicateValueException when another user has the e-mail address, ignoring case (field {@code email})
   */
  UserRecord create(UserRecord record);

  /**
   * Replaces an account if nobody changed it since the caller read {@code expectedVersion}.
   *
   * @param record the new state; its id names the account; its timestamps and version are ignored
   * @param expectedVersion the version the caller read
   * @return the stored account with version {@code expectedVersion + 1}
   * @throws RecordNotFoundException when no user has the record's id
   * @throws StaleVersionException when the stored version is not {@code expectedVersion}
   * @throws DuplicateValueException when another user has the new e-mail address, ignoring case
   */
  UserRecord update(UserRecord record, long expectedVersion);

  /** The user with this id, if there is one. */
  Optional<UserRecord> get(String id);

  /** The user with this e-mail address ignoring case, if there is one. */
  Optional<UserRecord> findByEmail(String email);

  /**
   * One page of the users, ordered by e-mail key, then id.
   *
   * @param offset how many users to skip, at least 0
   * @param limit the most users to return, at least 1
   */
  Page<UserRecord> list(int offset, int limit);

  /** How many users there are. */
  default long count() {
    return list(0, 1).total();
  }

  /**
   * Deletes an account.
   *
   * @return whether there was such a user
   */
  boolean delete(String id);
}
