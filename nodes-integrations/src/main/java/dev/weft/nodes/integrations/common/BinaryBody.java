package dev.weft.nodes.integrations.common;

import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
import dev.weft.spi.Item;
import dev.weft.spi.NodeException;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * A request body streamed from the binary store: the content is never held whole in memory, and each write opens it
 * anew, so the body can be sent again on a retry.
 */
public final class BinaryBody extends RequestBody {
  private final BinaryStore store;
  private final BinaryData data;
  private final MediaType type;

  /**
   * A body with the content of {@code data}.
   *
   * @param type the content type, or {@code null} for the binary's own
   */
  public BinaryBody(BinaryStore store, BinaryData data, MediaType type) {
    this.store = store;
    this.data = data;
    this.type = type != null ? type : MediaType.parse(data.mimeType());
  }

  @Override
  public MediaType contentType() {
    return type;
  }

  @Override
  public long contentLength() {
    return data.size();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    try (InputStream in = store.open(data); Source source = Okio.source(in)) {
      sink.writeAll(source);
    }
  }

  /**
   * The binary attachment of an item under {@code property}.
   *
   * @throws NodeException naming the property, the parameter that named it and the item when the item has none
   */
  public static BinaryData require(Item item, String property, String parameter, int itemIndex) throws NodeException {
    BinaryData data = property == null ? null : item.binary().get(property);
    if (data == null) {
      throw NodeException.parameter(parameter, itemIndex, "item " + itemIndex + " has no binary property '"
          + property + "'" + (item.binary().isEmpty() ? " (it has no binary data)"
          : " (it has " + String.join(", ", item.binary().keySet()) + ")"));
    }
    return data;
  }
}
