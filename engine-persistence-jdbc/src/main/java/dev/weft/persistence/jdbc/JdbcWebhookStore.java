package dev.weft.persistence.jdbc;

import dev.weft.store.DuplicateValueException;
import dev.weft.store.StoreException;
import dev.weft.store.WebhookRegistration;
import dev.weft.store.WebhookStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link WebhookStore} on table {@code weft_webhook}, whose primary key is the route key: a claim inserts the row, and
 * when the insert collides, re-claims it only if the claiming workflow holds it.
 */
final class JdbcWebhookStore implements WebhookStore {
  private static final String COLUMNS = "method, path, workflow_id, node, claimed_at";
  /** A route released and taken again between two statements of a claim is retried this often. */
  private static final int ATTEMPTS = 5;

  private final Database db;
  private final Clock clock;

  JdbcWebhookStore(Database db, Clock clock) {
    this.db = db;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public WebhookRegistration claim(WebhookRegistration r) {
    Objects.requireNonNull(r, "registration");
    String what = "claiming webhook " + r.route() + " for workflow '" + r.workflowId() + "'";
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      WebhookRegistration stored = new WebhookRegistration(r.method(), r.path(), r.workflowId(), r.node(),
          Jdbc.micros(clock.instant()));
      // the workflow's own route (claimed again), else who holds it, in one transaction
      String holder = db.tx(what, c -> {
        try (PreparedStatement ps = c.prepareStatement("UPDATE weft_webhook SET method = ?, path = ?, node = ?,"
            + " claimed_at = ? WHERE route_key = ? AND workflow_id = ?")) {
          ps.setString(1, stored.method());
          ps.setString(2, stored.path());
          ps.setString(3, stored.node());
          Jdbc.setInstant(ps, 4, stored.claimedAt());
          ps.setString(5, r.routeKey());
          ps.setString(6, r.workflowId());
          if (ps.executeUpdate() == 1) {
            return r.workflowId();
          }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT workflow_id FROM weft_webhook WHERE route_key = ?")) {
          ps.setString(1, r.routeKey());
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
          }
        }
      });
      if (r.workflowId().equals(holder)) {
        return stored;
      }
      if (holder != null) {
        throw new DuplicateValueException("webhook", "route", r.route(), holder);
      }
      try {
        db.tx(what, c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO weft_webhook (route_key, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.routeKey());
            ps.setString(2, stored.method());
            ps.setString(3, stored.path());
            ps.setString(4, stored.workflowId());
            ps.setString(5, stored.node());
            Jdbc.setInstant(ps, 6, stored.claimedAt());
            return ps.executeUpdate();
          }
        });
        return stored;
      } catch (StoreException e) {
        if (!(e.getCause() instanceof SQLException s && Jdbc.isUniqueViolation(s))) {
          throw e;
        }
        // someone claimed it first: look again who
      }
    }
    throw new StoreException(what + " failed: the route was claimed and released " + ATTEMPTS
        + " times while this claim ran");
  }

  @Override
  public Optional<WebhookRegistration> find(String method, String path) {
    String key = WebhookRegistration.of(method, path, "?", "?").routeKey();
    List<WebhookRegistration> found = select("finding webhook " + key, " WHERE route_key = ?", key);
    return found.stream().findFirst();
  }

  @Override
  public List<WebhookRegistration> list(String workflowId) {
    return workflowId == null
        ? select("listing webhooks", "", null)
        : select("listing the webhooks of workflow '" + workflowId + "'", " WHERE workflow_id = ?", workflowId);
  }

  private List<WebhookRegistration> select(String what, String where, String arg) {
    return db.tx(what, c -> {
      List<WebhookRegistration> result = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM weft_webhook" + where + " ORDER BY route_key")) {
        if (arg != null) {
          ps.setString(1, arg);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            result.add(new WebhookRegistration(rs.getString("method"), rs.getString("path"),
                rs.getString("workflow_id"), rs.getString("node"), Jdbc.getInstant(rs, "claimed_at")));
          }
        }
      }
      return result;
    });
  }

  @Override
  public int release(String workflowId, Collection<String> keep) {
    Objects.requireNonNull(workflowId, "workflowId");
    List<String> kept = List.copyOf(keep);
    return db.tx("releasing the webhooks of workflow '" + workflowId + "'", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_webhook WHERE workflow_id = ?"
          + (kept.isEmpty() ? "" : " AND route_key NOT IN (" + Jdbc.placeholders(kept.size()) + ")"))) {
        ps.setString(1, workflowId);
        for (int i = 0; i < kept.size(); i++) {
          ps.setString(i + 2, kept.get(i));
        }
        return ps.executeUpdate();
      }
    });
  }
}
