package dev.weft.spi;

import java.util.Objects;

/**
 * A credential type a node uses.
 *
 * @param type the credential type id, for example {@code weft.httpBasicAuth}
 * @param required whether the node cannot run without it
 */
public record CredentialRequirement(String type, boolean required) {
  public CredentialRequirement {
    Objects.requireNonNull(type, "type");
  }
}
