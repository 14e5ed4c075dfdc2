package dev.weft.store;

/**
 * A worker renewed, acked or nacked a lease that is no longer current: the message was claimed again after the lease
 * expired, or it was already acked, nacked or dead-lettered. The worker must stop treating the message as its own.
 */
public class LeaseLostException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String messageId;
  private final String workerId;

  /**
   * A lost lease.
   *
   * @param messageId the leased message
   * @param workerId the worker that held the lease
   */
  public LeaseLostException(String messageId, String workerId) {
    super("worker '" + workerId + "' no longer holds the lease on queue message '" + messageId
        + "': the lease expired and the message was claimed again, or it was already acked, nacked or dead-lettered");
    this.messageId = messageId;
    this.workerId = workerId;
  }

  /** The leased message. */
  public String messageId() {
    return messageId;
  }

  /** The worker that held the lease. */
  public String workerId() {
    return workerId;
  }
}
