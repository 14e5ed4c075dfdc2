package dev.weft.nodes.integrations.common;

import java.net.UnknownHostException;

/** A call refused by the {@link NetworkPolicy}: its host resolves to an address the host application does not allow. */
public final class BlockedAddressException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  /** A refusal saying which host and address. */
  public BlockedAddressException(String message) {
    super(message);
  }
}
