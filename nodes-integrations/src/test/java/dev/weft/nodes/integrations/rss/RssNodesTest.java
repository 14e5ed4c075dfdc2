package dev.weft.nodes.integrations.rss;

import static dev.weft.nodes.integrations.Flows.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.integrations.Flows;
import dev.weft.spi.Item;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RssNodesTest {
  static final String RSS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel>
          <title>Weft Blog</title>
          <link>https://blog.example.com/</link>
          <description>Release notes and stories</description>
          %s
          <item>
            <title>Weft 0.2 released</title>
            <link>https://blog.example.com/weft-0-2</link>
            <guid isPermaLink="false">post-2</guid>
            <pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate>
            <dc:creator>Ada Lovelace</dc:creator>
            <category>release</category>
            <category>engine</category>
            <description>Short summary</description>
            <content:encoded><![CDATA[<p>New <b>nodes</b> &amp; a faster engine.</p>]]></content:encoded>
            <enclosure url="https://blog.example.com/talk.mp3" length="1234" type="audio/mpeg"/>
          </item>
          <item>
            <title>Hello, Weft</title>
            <link>https://blog.example.com/hello</link>
            <guid>https://blog.example.com/hello</guid>
            <pubDate>Mon, 01 Jan 2024 08:00:00 GMT</pubDate>
            <description>&lt;p&gt;The first post.&lt;/p&gt;</description>
          </item>
        </channel>
      </rss>""";

  static final String NEWER = """
          <item>
            <title>Weft 0.3 released</title>
            <link>https://blog.example.com/weft-0-3</link>
            <guid isPermaLink="false">post-3</guid>
            <pubDate>Wed, 10 Apr 2024 10:00:00 +0000</pubDate>
            <description>Even more nodes</description>
          </item>""";

  static final String ATOM = """
      <?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom">
        <title>Changelog</title>
        <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
        <updated>2024-05-01T12:00:00Z</updated>
        <entry>
          <title>Fixed retries</title>
          <link href="https://example.com/changes/42"/>
          <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
          <updated>2024-05-01T12:00:00Z</updated>
          <author><name>Linus</name></author>
          <content type="html">&lt;p&gt;Retry-After is honoured.&lt;/p&gt;</content>
        </entry>
      </feed>""";

  private final AtomicReference<String> feed = new AtomicReference<>(RSS.formatted(""));
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getTarget().startsWith("/atom")) {
          return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/atom+xml").body(ATOM)
              .build();
        }
        if (request.getTarget().startsWith("/missing")) {
          return new MockResponse.Builder().code(404).body("no such feed").build();
        }
        if (request.getTarget().startsWith("/html")) {
          return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
              .body("<html><body>not a feed</body></html>").build();
        }
        if (request.getTarget().startsWith("/xxe")) {
          return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/rss+xml")
              .body("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                  + "<rss version=\"2.0\"><channel><title>&x;</title><item><title>&x;</title></item></channel></rss>")
              .build();
        }
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/rss+xml; charset=utf-8")
            .body(feed.get()).build();
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ExecutionResult read(Weft weft, String path) {
    return weft.run(Flows.single("weft.rssRead", "{ \"url\": \"%s\" }".formatted(server.url(path)), null),
        List.of(Item.empty()));
  }

  @Test
  void readsRssEntries() {
    try (Weft weft = Flows.engine(null)) {
      ExecutionResult r = read(weft, "/feed.xml");
      assertThat(r.error()).isNull();
      List<Item> items = r.items("Node");
      assertThat(items).hasSize(2);
      assertThat(items.get(0).json()).isEqualTo(parse("""
          { "title": "Weft 0.2 released", "link": "https://blog.example.com/weft-0-2", "guid": "post-2",
            "pubDate": "Tue, 5 Mar 2024 09:30:00 GMT", "isoDate": "2024-03-05T09:30:00Z", "creator": "Ada Lovelace",
            "content": "<p>New <b>nodes</b> &#38; a faster engine.</p>", "contentSnippet": "New nodes & a faster engine.",
            "categories": ["release", "engine"],
            "enclosures": [ { "url": "https://blog.example.com/talk.mp3", "type": "audio/mpeg", "length": 1234 } ] }"""));
      assertThat(items.get(1).json().get("contentSnippet")).isEqualTo("The first post.");
      assertThat(items.get(1).json().get("isoDate")).isEqualTo("2024-01-01T08:00:00Z");
    }
  }

  @Test
  void readsAtomEntries() {
    try (Weft weft = Flows.engine(null)) {
      Map<String, Object> entry = read(weft, "/atom").items("Node").get(0).json();
      assertThat(entry.get("title")).isEqualTo("Fixed retries");
      assertThat(entry.get("link")).isEqualTo("https://example.com/changes/42");
      assertThat(entry.get("guid")).isEqualTo("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
      assertThat(entry.get("creator")).isEqualTo("Linus");
      assertThat(entry.get("contentSnippet")).isEqualTo("Retry-After is honoured.");
      assertThat(entry.get("isoDate")).isEqualTo("2024-05-01T12:00:00Z");
    }
  }

  @Test
  void reportsWhatIsNotAFeed() {
    try (Weft weft = Flows.engine(null)) {
      assertThat(read(weft, "/missing").error().message()).contains("answered 404 Not Found: no such feed");
      assertThat(read(weft, "/html").error().message()).contains("is not an RSS or Atom feed");
      ExecutionResult xxe = read(weft, "/xxe");
      assertThat(xxe.error()).isNotNull();
      assertThat(xxe.error().message()).doesNotContain("root:");
    }
  }

  @Test
  void refusesInternalAddressesByDefault() {
    try (Weft guarded = Flows.engine(null, null, List.of())) {
      ExecutionResult r = read(guarded, "/feed.xml");
      assertThat(r.error().message()).contains("blocked").contains("internal address");
      assertThat(server.getRequestCount()).isZero();
    }
  }

  @Test
  void theTriggerEmitsOnlyNewEntriesOldestFirst() throws Exception {
    Flows.Record record = new Flows.Record();
    try (Weft weft = Flows.engine(dev.weft.nodes.integrations.common.NetworkPolicy.allowPrivate(), null,
        List.of(record))) {
      weft.activate(Flows.triggered("wf-rss", "weft.rssFeedTrigger", "{ \"url\": \"%s\", \"pollSeconds\": 0.2 }"
          .formatted(server.url("/feed.xml")), "{}", false));
      long deadline = System.currentTimeMillis() + 10_000;
      while (server.getRequestCount() < 2 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20); // the second poll has started: the first one is done
      }
      assertThat(record.seen).as("the first poll only records the feed").isEmpty();
      feed.set(RSS.formatted(NEWER + """
          <item>
            <title>Back-dated note</title>
            <guid>note-1</guid>
            <pubDate>Sun, 10 Mar 2024 10:00:00 +0000</pubDate>
          </item>"""));
      List<Item> seen = record.await(2);
      Thread.sleep(800);
      weft.deactivate("wf-rss");
      assertThat(record.seen).hasSize(2);
      assertThat(seen.stream().map(i -> i.json().get("title")).toList())
          .containsExactly("Back-dated note", "Weft 0.3 released");
    }
  }

  @Test
  void theTriggerCanStartWithTheExistingEntries() throws Exception {
    Flows.Record record = new Flows.Record();
    try (Weft weft = Flows.engine(dev.weft.nodes.integrations.common.NetworkPolicy.allowPrivate(), null,
        List.of(record))) {
      weft.activate(Flows.triggered("wf-rss2", "weft.rssFeedTrigger",
          "{ \"url\": \"%s\", \"pollSeconds\": 0.2, \"emitExisting\": true }".formatted(server.url("/feed.xml")),
          "{}", false));
      List<Item> seen = record.await(2);
      Thread.sleep(600);
      weft.deactivate("wf-rss2");
      assertThat(record.seen).hasSize(2);
      assertThat(seen.stream().map(i -> i.json().get("title")).toList())
          .containsExactly("Hello, Weft", "Weft 0.2 released");
    }
  }
}
