package dev.weft.nodes.integrations.rss;

import com.rometools.rome.feed.synd.SyndFeed;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.ParameterSpec;
import java.time.Duration;
import java.util.List;

/**
 * RSS Read ({@code weft.rssRead}): reads an RSS or Atom feed and outputs one item per entry: {@code title, link, guid,
 * pubDate, isoDate, creator, content, contentSnippet, categories} (and {@code enclosures} when present).
 */
public final class RssReadNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.rssRead";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("RSS Read")
      .group("input")
      .icon("fa:rss")
      .description("Reads the entries of an RSS or Atom feed")
      .parameters(
          ParameterSpec.string("url").displayName("Feed URL").required(),
          ParameterSpec.number("limit").displayName("Max entries").defaultValue(0).description("0 for all"),
          ParameterSpec.number("timeoutMs").displayName("Timeout (ms)").defaultValue(30000))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    NodeOutput.Builder out = context.output();
    List<Item> items = context.items();
    for (int i = 0; i < items.size(); i++) {
      try {
        Number t = context.parameter("timeoutMs", i, Number.class);
        SyndFeed feed = Feeds.fetch(context, context.string("url", i), "url", i, context.cancellation(),
            context.clock(), Duration.ofMillis(t == null ? 30000 : t.longValue()));
        Number limit = context.parameter("limit", i, Number.class);
        List<Item> entries = Feeds.items(feed);
        if (limit != null && limit.intValue() > 0 && entries.size() > limit.intValue()) {
          entries = entries.subList(0, limit.intValue());
        }
        for (Item e : entries) {
          out.add(0, e.pairedWith(i));
        }
      } catch (NodeException e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }
}
