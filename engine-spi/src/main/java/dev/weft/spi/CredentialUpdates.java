package dev.weft.spi;

import java.util.Map;

/**
 * Changes the stored credential a node was given: an OAuth2 node writes back the access and refresh tokens it
 * refreshed, so that the next execution (or another engine sharing the credential store) uses them instead of
 * refreshing again with a refresh token the provider may have rotated.
 *
 * <p>An engine that keeps credentials in a credential store offers one as a service:
 * {@code context.service(CredentialUpdates.class)}. An engine without a store offers none (the lookup throws
 * {@link IllegalStateException}); a node then keeps what it learnt in memory. The store keeps the values encrypted;
 * implementations never log them.
 */
@FunctionalInterface
public interface CredentialUpdates {

  /**
   * Replaces some fields of the stored credential {@code credentials} was read from, provided the stored values of
   * the {@code expected} fields are still those given (compare-and-set). When another update changed one of them in
   * the meantime, nothing is written and the stored credential is returned as it is, so the newer values are not lost.
   * With no changes, this reads the stored credential.
   *
   * @param credentials the credentials as the node got them; their {@link Credentials#id()} names the stored credential
   * @param expected values the stored credential must still hold, by field; empty to replace unconditionally
   * @param changes new values by field; fields not named keep their stored values
   * @return the stored credential after the call: with the changes when they were written, else the values that won
   * @throws NodeException naming the credential (never a value) when it has no id, is gone, or the changes do not fit
   *     its type
   */
  Credentials update(Credentials credentials, Map<String, Object> expected, Map<String, Object> changes)
      throws NodeException;
}
