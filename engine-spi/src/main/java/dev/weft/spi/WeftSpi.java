package dev.weft.spi;

/** Version of this SPI. Node packs built as plugins declare the range of SPI versions they accept. */
public final class WeftSpi {
  /**
   * The SPI version, following semantic versioning: a minor bump only adds. 1.1.0 added {@link NodeCalls},
   * {@link CredentialUpdates}, {@link WebhookResponder}, {@code TriggerContext.emitAwaitingReply} and
   * {@code NodePack.close()}; 1.2.0 added {@link WebhookBody} and streamed webhook bodies ({@code
   * WebhookRequest.bodyStream()}, {@code WebhookResponse.streamed(...)}).
   */
  public static final String VERSION = "1.2.0";

  private WeftSpi() {}
}
