package dev.weft.nodes.integrations.rss;

import com.rometools.rome.feed.synd.SyndFeed;
import dev.weft.spi.Item;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * RSS Feed Trigger ({@code weft.rssFeedTrigger}): polls a feed and starts one execution with the entries not seen
 * before, oldest first. The ids of the entries seen (guid, else link) are kept in the trigger's static data, the last
 * 1000 of them; the first poll only records what the feed holds unless {@code emitExisting} is on.
 */
public final class RssFeedTriggerNode implements TriggerNode {
  /** The node type id. */
  public static final String TYPE = "weft.rssFeedTrigger";
  static final int REMEMBERED = 1000;

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("RSS Feed Trigger")
      .group("trigger")
      .icon("fa:rss")
      .description("Starts the workflow when a feed has new entries")
      .inputs()
      .parameters(
          ParameterSpec.string("url").displayName("Feed URL").required(),
          ParameterSpec.number("pollSeconds").displayName("Check every (s)").defaultValue(600),
          ParameterSpec.bool("emitExisting").displayName("Start with the entries already in the feed")
              .defaultValue(false))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TriggerActivation activate(TriggerContext context) throws Exception {
    String url = context.parameter("url", String.class);
    if (url == null || url.isBlank()) {
      throw NodeException.parameter("url", -1, "the feed URL is empty");
    }
    double seconds = context.parameter("pollSeconds", Number.class).doubleValue();
    if (seconds < 0.1) {
      throw NodeException.parameter("pollSeconds", -1, "poll at most every 0.1 s, got " + seconds);
    }
    boolean emitExisting = Boolean.TRUE.equals(context.parameter("emitExisting", Boolean.class));
    Object lock = new Object();
    Runnable tick = () -> {
      synchronized (lock) {
        try {
          poll(context, url, emitExisting);
        } catch (Exception e) {
          context.logger().warn("RSS trigger could not read {}: {}", url, e.getMessage());
        }
      }
    };
    return context.every(Duration.ofMillis((long) (seconds * 1000)), tick);
  }

  @SuppressWarnings("unchecked")
  private static void poll(TriggerContext context, String url, boolean emitExisting) throws Exception {
    SyndFeed feed = Feeds.fetch(context, url, "url", -1, null, context.clock(), Duration.ofSeconds(30));
    List<Item> entries = Feeds.items(feed);
    Object stored = context.staticData().get("seen");
    boolean first = stored == null;
    Set<String> seen = new LinkedHashSet<>(first ? List.of() : (List<String>) stored);
    List<Item> fresh = new ArrayList<>();
    for (Item e : entries) {
      if (!seen.contains(Feeds.identity(e.json()))) {
        fresh.add(e);
      }
    }
    // executions get the oldest first: by date where entries have one, else feeds list newest first
    Collections.reverse(fresh);
    fresh.sort(java.util.Comparator.comparing((Item e) -> (String) e.json().get("isoDate"),
        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
    for (Item e : fresh) {
      seen.add(Feeds.identity(e.json()));
    }
    List<String> kept = new ArrayList<>(seen);
    if (kept.size() > REMEMBERED) {
      kept = kept.subList(kept.size() - REMEMBERED, kept.size());
    }
    context.staticData().put("seen", new ArrayList<>(kept));
    if (!fresh.isEmpty() && (!first || emitExisting)) {
      context.emit(fresh).toCompletableFuture().join();
    }
  }
}
