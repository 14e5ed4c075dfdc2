package dev.weft.server;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/stats}: per workflow of the signed-in user, over the last {@code days} days: runs, outcomes, success
 * rate and duration percentiles, overall and per day (UTC).
 */
final class StatsApi {
  private static final int MAX_ROWS = 200_000;
  private final ServerState s;

  StatsApi(ServerState s) {
    this.s = s;
  }

  void register(RouteTable t) {
    t.user(HandlerType.GET, "/api/stats", this::stats);
  }

  private static final class Acc {
    String name;
    int runs;
    int success;
    int error;
    int cancelled;
    int other;
    final List<Long> durations = new ArrayList<>();
    final Map<LocalDate, Acc> days = new TreeMap<>();

    void add(String status, Long duration) {
      runs++;
      switch (status) {
        case "SUCCESS" -> success++;
        case "ERROR" -> error++;
        case "CANCELLED" -> cancelled++;
        default -> other++;
      }
      if (duration != null) {
        durations.add(duration);
      }
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("runs", runs);
      m.put("success", success);
      m.put("error", error);
      m.put("cancelled", cancelled);
      m.put("unfinished", other);
      int finished = success + error + cancelled;
      m.put("successRate", finished == 0 ? null : (double) success / finished);
      durations.sort(null);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("p50", percentile(durations, 50));
      d.put("p90", percentile(durations, 90));
      d.put("p99", percentile(durations, 99));
      d.put("max", durations.isEmpty() ? null : durations.get(durations.size() - 1));
      m.put("durationMs", d);
      return m;
    }
  }

  /** The nearest-rank percentile of sorted values, or null when there are none. */
  static Long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private void stats(Context ctx, Tokens.Principal user) {
    int days = Api.queryInt(ctx, "days", 14, 1, 366);
    Instant to = s.clock.instant();
    Instant from = LocalDate.ofInstant(to, ZoneOffset.UTC).minusDays(days - 1L).atStartOfDay(ZoneOffset.UTC)
        .toInstant();
    Map<String, Acc> perWorkflow = new LinkedHashMap<>();
    boolean truncated = s.db.tx("computing statistics", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT e.workflow_id, w.name, e.status, e.started_at,"
          + " e.finished_at FROM weft_execution e JOIN weft_workflow w ON w.id = e.workflow_id"
          + " WHERE w.owner_id = ? AND e.started_at >= ? ORDER BY e.started_at LIMIT " + (MAX_ROWS + 1))) {
        ps.setString(1, user.userId());
        ps.setTimestamp(2, java.sql.Timestamp.from(from));
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (++n > MAX_ROWS) {
              return true;
            }
            Acc acc = perWorkflow.computeIfAbsent(rs.getString(1), k -> new Acc());
            acc.name = rs.getString(2);
            Instant started = ServerDatabase.instant(rs.getTimestamp(4));
            Instant finished = ServerDatabase.instant(rs.getTimestamp(5));
            Long duration = finished == null ? null : Duration.between(started, finished).toMillis();
            acc.add(rs.getString(3), duration);
            acc.days.computeIfAbsent(LocalDate.ofInstant(started, ZoneOffset.UTC), k -> new Acc())
                .add(rs.getString(3), duration);
          }
        }
      }
      return false;
    });
    List<Object> workflows = new ArrayList<>();
    for (Map.Entry<String, Acc> e : perWorkflow.entrySet()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("workflowId", e.getKey());
      m.put("name", e.getValue().name);
      m.putAll(e.getValue().json());
      List<Object> series = new ArrayList<>();
      for (Map.Entry<LocalDate, Acc> d : e.getValue().days.entrySet()) {
        Map<String, Object> day = new LinkedHashMap<>();
        day.put("day", d.getKey().toString());
        day.putAll(d.getValue().json());
        series.add(day);
      }
      m.put("days", series);
      workflows.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", from.toString());
    body.put("to", to.toString());
    body.put("truncated", truncated);
    body.put("workflows", workflows);
    Api.ok(ctx, body);
  }
}
