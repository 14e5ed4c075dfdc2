package dev.weft.nodes.integrations.oauth;

import java.util.Map;

/**
 * Where refreshed OAuth2 tokens are written back, so that the next start of the engine (or another engine sharing the
 * credential store) does not refresh again with a refresh token the provider may have rotated. The SPI has no way for
 * a node to update its credentials, so a host registers one as a service:
 * {@code Weft.builder().service(OAuth2TokenSink.class, (id, type, values) -> weft.credentials().update(id, null, values))}.
 * Without one, refreshed tokens are kept in memory per credential id for the life of the class.
 */
@FunctionalInterface
public interface OAuth2TokenSink {

  /**
   * Called after a token was obtained or refreshed.
   *
   * @param credentialId the stored credential's id
   * @param credentialType its type id
   * @param values all the credential's values with the new {@code accessToken}, {@code refreshToken} and
   *     {@code expiresAt}
   */
  void tokenRefreshed(String credentialId, String credentialType, Map<String, Object> values) throws Exception;
}
