package dev.weft.store;

import java.util.List;
import java.util.Optional;

/**
 * Where credentials live, sealed. Implementations are thread-safe; they store the sealed text as given and never
 * try to read it. Use {@code dev.weft.credential.CredentialService} rather than this store directly: it validates,
 * seals and hides secrets.
 *
 * <p>Every backend promises: {@link #create} assigns a random id when the record has none and sets both timestamps
 * to the store's clock; {@link #update} keeps {@code createdAt} and sets {@code updatedAt}; {@link #list} orders by
 * name ignoring case, then by id.
 */
public interface CredentialStore {

  /**
   * Stores a new credential.
   *
   * @return the stored credential with id and timestamps
   * @throws DuplicateIdException when a credential with the record's id exists
   */
  CredentialRecord create(CredentialRecord record);

  /**
   * Replaces a credential's name, type, owner and sealed data.
   *
   * @return the stored credential
   * @throws RecordNotFoundException when no credential has the record's id
   */
  CredentialRecord update(CredentialRecord record);

  /** The credential with this id, if there is one. */
  Optional<CredentialRecord> get(String id);

  /**
   * Credentials of an owner and of a type, ordered by name ignoring case, then by id.
   *
   * @param ownerId only this owner's credentials, or {@code null} for any owner
   * @param type only credentials of this type, or {@code null} for any type
   */
  List<CredentialRecord> list(String ownerId, String type);

  /**
   * Deletes a credential.
   *
   * @return whether there was such a credential
   */
  boolean delete(String id);
}
