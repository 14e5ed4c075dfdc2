package dev.weft.spi;

/** Version of this SPI. Node packs built as plugins declare the range of SPI versions they accept. */
public final class WeftSpi {
  /**
   * The SPI version, following semantic versioning: a minor bump only adds. 1.1.0 added {@link NodeCalls},
   * {@link CredentialUpdates}, {@link WebhookResponder}, {@code TriggerContext.emitAwaitingReply} and
   * {@code NodePack.close()}.
   */
  public static final String VERSION = "1.1.0";

  private WeftSpi() {}
}
