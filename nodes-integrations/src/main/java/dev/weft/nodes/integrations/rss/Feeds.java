package dev.weft.nodes.integrations.rss;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.weft.nodes.integrations.common.BlockedAddressException;
import dev.weft.nodes.integrations.common.HttpCalls;
import dev.weft.nodes.integrations.common.NetworkPolicy;
import dev.weft.nodes.integrations.common.RetryPolicy;
import dev.weft.nodes.integrations.common.ServiceErrors;
import dev.weft.spi.Cancellation;
import dev.weft.spi.Item;
import dev.weft.spi.NodeException;
import dev.weft.spi.Services;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches and reads RSS 0.9x/1.0/2.0 and Atom feeds (ROME, with DOCTYPEs refused so external entities cannot be
 * used), over the engine's HTTP client under the host's {@link NetworkPolicy}.
 */
final class Feeds {

  private Feeds() {}

  /** One feed entry as item JSON, in the shape n8n's RSS Read gives. */
  static Map<String, Object> entry(SyndEntry e) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("title", e.getTitle());
    json.put("link", e.getLink());
    json.put("guid", e.getUri() != null ? e.getUri() : e.getLink());
    Date date = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
    json.put("pubDate", date == null ? null : DateTimeFormatter.RFC_1123_DATE_TIME.format(date.toInstant()
        .atOffset(ZoneOffset.UTC)));
    json.put("isoDate", date == null ? null : date.toInstant().toString());
    String author = e.getAuthor();
    if ((author == null || author.isBlank()) && !e.getAuthors().isEmpty()) {
      SyndPerson p = e.getAuthors().get(0);
      author = p.getName() != null ? p.getName() : p.getEmail();
    }
    json.put("creator", author == null || author.isBlank() ? null : author);
    String content = null;
    for (SyndContent c : e.getContents()) {
      if (c.getValue() != null) {
        content = c.getValue();
        break;
      }
    }
    if (content == null && e.getDescription() != null) {
      content = e.getDescription().getValue();
    }
    json.put("content", content);
    json.put("contentSnippet", content == null ? null : snippet(content));
    List<Object> categories = new ArrayList<>();
    for (SyndCategory c : e.getCategories()) {
      categories.add(c.getName());
    }
    json.put("categories", categories);
    List<Object> enclosures = new ArrayList<>();
    for (SyndEnclosure en : e.getEnclosures()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("url", en.getUrl());
      m.put("type", en.getType());
      m.put("length", en.getLength());
      enclosures.add(m);
    }
    if (!enclosures.isEmpty()) {
      json.put("enclosures", enclosures);
    }
    return json;
  }

  /** The text of HTML content, tags removed and whitespace collapsed. */
  static String snippet(String html) {
    String text = html.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]+>", " ")
        .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&apos;", "'");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int code = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
      m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(new String(Character.toChars(code))));
    }
    m.appendTail(sb);
    return sb.toString().replace("&amp;", "&").replaceAll("\\s+", " ").trim();
  }

  /** A stable identity of an entry, for remembering which were seen. */
  static String identity(Map<String, Object> entry) {
    Object id = entry.get("guid");
    if (id == null) {
      id = entry.get("link");
    }
    return id != null ? String.valueOf(id) : entry.get("title") + "|" + entry.get("isoDate");
  }

  /**
   * Fetches and parses a feed.
   *
   * @param parameter the parameter holding the URL, named in errors
   */
  static SyndFeed fetch(Services services, String url, String parameter, int itemIndex, Cancellation cancellation,
      Clock clock, Duration timeout) throws Exception {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
    if (parsed == null) {
      throw NodeException.parameter(parameter, itemIndex, "'" + url + "' is not an http:// or https:// URL");
    }
    OkHttpClient client = NetworkPolicy.of(services).apply(services.service(OkHttpClient.class).newBuilder()
        .callTimeout(timeout).build());
    Request request = new Request.Builder().url(parsed)
        .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")
        .build();
    Response response;
    try {
      response = HttpCalls.execute(client, request, RetryPolicy.standard(), cancellation, clock);
    } catch (BlockedAddressException e) {
      throw NodeException.parameter(parameter, itemIndex, e.getMessage());
    } catch (java.io.IOException e) {
      throw NodeException.item(itemIndex, "fetching the feed " + parsed.newBuilder().query(null).build() + " failed: "
          + e.getMessage(), e);
    }
    try (response) {
      if (!response.isSuccessful()) {
        throw NodeException.item(itemIndex, ServiceErrors.describe("the feed " + parsed.newBuilder().query(null)
            .build(), response.code(), response.message(), response.body().string(), null), null);
      }
      SyndFeedInput input = new SyndFeedInput();
      input.setAllowDoctypes(false);
      try (InputStream in = response.body().byteStream(); XmlReader reader = new XmlReader(in)) {
        return input.build(reader);
      } catch (com.rometools.rome.io.FeedException | IllegalArgumentException e) {
        throw NodeException.item(itemIndex, "the answer of " + parsed.newBuilder().query(null).build()
            + " is not an RSS or Atom feed: " + e.getMessage(), e);
      }
    }
  }

  /** Items of all entries, in the feed's order. */
  static List<Item> items(SyndFeed feed) {
    List<Item> items = new ArrayList<>();
    for (SyndEntry e : feed.getEntries()) {
      items.add(Item.of(entry(e)));
    }
    return items;
  }
}
