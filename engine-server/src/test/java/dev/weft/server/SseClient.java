package dev.weft.server;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/** Reads a Server-Sent Events stream on a thread of its own, event by event. */
final class SseClient implements AutoCloseable {
  /** One event. */
  record Event(String id, String type, Map<String, Object> data) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Call call;
  final int status;

  SseClient(Http http, String path, String lastEventId) throws IOException {
    Request.Builder b = http.request(path).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    call = Http.CLIENT.newBuilder().readTimeout(java.time.Duration.ZERO).build().newCall(b.build());
    Response response = call.execute();
    status = response.code();
    if (status != 200) {
      response.close();
      return;
    }
    Thread reader = new Thread(() -> read(response), "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  @SuppressWarnings("unchecked")
  private void read(Response response) {
    try (response) {
      BufferedSource source = response.body().source();
      String id = null;
      String type = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = source.readUtf8Line()) != null) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(id, type, Http.JSON.readValue(data.toString(), Map.class)));
          }
          id = null;
          type = null;
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          type = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
    } catch (IOException e) {
      // the stream ended (closed by the test)
    }
  }

  /** The next event, waiting up to 20 s. */
  Event next() throws InterruptedException {
    Event e = events.poll(20, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("no event within 20 s");
    }
    return e;
  }

  /** Events until one of this type (included). */
  java.util.List<Event> until(String type) throws InterruptedException {
    java.util.List<Event> seen = new java.util.ArrayList<>();
    while (true) {
      Event e = next();
      seen.add(e);
      if (type.equals(e.type())) {
        return seen;
      }
    }
  }

  Event poll(long millis) throws InterruptedException {
    return events.poll(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    call.cancel();
  }
}
