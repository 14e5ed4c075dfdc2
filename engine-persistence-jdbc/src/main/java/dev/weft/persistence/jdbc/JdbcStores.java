package dev.weft.persistence.jdbc;

import dev.weft.cluster.ClusterBus;
import dev.weft.cluster.LocalClusterBus;
import dev.weft.cluster.TickLock;
import dev.weft.spi.BinaryStore;
import dev.weft.store.AuditLog;
import dev.weft.store.CredentialStore;
import dev.weft.store.ExecutionStore;
import dev.weft.store.UserStore;
import dev.weft.store.WebhookStore;
import dev.weft.store.WorkQueue;
import dev.weft.store.WorkflowStore;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Weft's stores in one database: H2 by default (a file under the data folder, nothing to install), PostgreSQL when
 * the JDBC URL says so. Opening connects through a HikariCP pool, creates the schema when missing and brings the
 * tables up to date with Flyway; closing closes the pool. The stores are thread-safe and may be shared by several
 * engine instances (processes) on one PostgreSQL database.
 *
 * <pre>{@code
 * try (JdbcStores stores = JdbcStores.open(JdbcConfig.h2(Path.of("data")))) {
 *   stores.executions().create(ExecutionRecord.newExecution("wf-1", "Orders", "manual"));
 * }
 * }</pre>
 */
public final class JdbcStores implements AutoCloseable {
  private final Database db;
  private final WorkflowStore workflows;
  private final ExecutionStore executions;
  private final CredentialStore credentials;
  private final WorkQueue workQueue;
  private final BinaryStore binaries;
  private final TickLock tickLock;
  private final UserStore users;
  private final AuditLog auditLog;
  private final WebhookStore webhooks;
  private final JdbcConfig config;
  private ClusterBus clusterBus; // guarded by this

  private JdbcStores(Database db, JdbcConfig config) {
    Clock clock = config.clock();
    this.config = config;
    this.db = db;
    this.workflows = new JdbcWorkflowStore(db, clock);
    this.executions = new JdbcExecutionStore(db, clock);
    this.credentials = new JdbcCredentialStore(db, clock);
    this.workQueue = new JdbcWorkQueue(db, clock);
    this.binaries = new JdbcBinaryStore(db, clock);
    this.tickLock = new JdbcTickLock(db, clock);
    this.users = new JdbcUserStore(db, clock);
    this.auditLog = new JdbcAuditLog(db, clock);
    this.webhooks = new JdbcWebhookStore(db, clock);
  }

  /**
   * Connects, creates the schema when missing and migrates it.
   *
   * @throws dev.weft.store.StoreException when the database cannot be reached (the message names the URL and user,
   *     never the password), the URL is not H2 or PostgreSQL, or a migration fails
   */
  public static JdbcStores open(JdbcConfig config) {
    Objects.requireNonNull(config, "config");
    return new JdbcStores(Database.open(config), config);
  }

  /** Workflows and their version history. */
  public WorkflowStore workflows() {
    return workflows;
  }

  /** Executions: state, custom data and run data. */
  public ExecutionStore executions() {
    return executions;
  }

  /** Credentials, sealed. */
  public CredentialStore credentials() {
    return credentials;
  }

  /** User accounts, unique by e-mail address ignoring case. */
  public UserStore users() {
    return users;
  }

  /** The audit log: who changed what, newest first. */
  public AuditLog auditLog() {
    return auditLog;
  }

  /** The webhooks active workflows serve, one workflow per route across every instance on this database. */
  public WebhookStore webhooks() {
    return webhooks;
  }

  /** The work queue with leases and dead letters. */
  public WorkQueue workQueue() {
    return workQueue;
  }

  /**
   * The bus for engines sharing this database: LISTEN/NOTIFY on PostgreSQL (one listening connection, opened on first
   * call); on H2, which one process owns, a bus within the process. Closed with the stores.
   */
  public synchronized ClusterBus clusterBus() {
    if (clusterBus == null) {
      clusterBus = db.dialect == Dialect.POSTGRESQL ? new PostgresClusterBus(db.dataSource(), config)
          : new LocalClusterBus();
    }
    return clusterBus;
  }

  /** Claims of schedule ticks, so that engines sharing this database fire each schedule once per tick. */
  public TickLock tickLock() {
    return tickLock;
  }

  /** Binary content, in chunks in the database. */
  public BinaryStore binaries() {
    return binaries;
  }

  /** The pooled connections, for an application's own tables beside Weft's (connections are not auto-commit). */
  public DataSource dataSource() {
    return db.dataSource();
  }

  /** The shared pool and dialect, for tests that build stores on their own clocks. */
  Database database() {
    return db;
  }

  /** {@code H2} or {@code PostgreSQL}. */
  public String databaseProduct() {
    return db.dialect.product;
  }

  /** Closes the pool; the stores fail afterwards. */
  @Override
  public void close() {
    synchronized (this) {
      if (clusterBus != null) {
        clusterBus.close();
      }
    }
    db.close();
  }

  @Override
  public String toString() {
    return "JdbcStores[" + db.dialect.product + " " + db.safeUrl + (db.schema == null ? "" : ", schema " + db.schema)
        + "]";
  }
}
