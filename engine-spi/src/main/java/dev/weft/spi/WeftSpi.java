package dev.weft.spi;

/** Version of this SPI. Node packs built as plugins declare the range of SPI versions they accept. */
public final class WeftSpi {
  /** The SPI version, following semantic versioning: a minor bump only adds. */
  public static final String VERSION = "1.0.0";

  private WeftSpi() {}
}
