package dev.weft.nodes.integrations.common;

import dev.weft.spi.NodeException;

/**
 * A service answered with an error. The message names the service, the HTTP status and the service's own error message
 * (see {@link ServiceErrors}), never a secret; the parts are also available on their own.
 */
public class ServiceException extends NodeException {
  private static final long serialVersionUID = 1L;

  private final String service;
  private final int status;
  private final String serviceMessage;

  /**
   * An error answer.
   *
   * @param service the service's name, for example {@code Slack}
   * @param status the HTTP status (200 for services that report errors in a successful answer, as Slack does)
   * @param serviceMessage the service's own message (already free of secrets), or {@code null}
   * @param message the full message
   */
  public ServiceException(String service, int status, String serviceMessage, String message) {
    super(message);
    this.service = service;
    this.status = status;
    this.serviceMessage = serviceMessage;
  }

  /** The service that answered. */
  public String service() {
    return service;
  }

  /** The HTTP status of the answer. */
  public int status() {
    return status;
  }

  /** The service's own error message, or {@code null}. */
  public String serviceMessage() {
    return serviceMessage;
  }
}
