package dev.weft.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.store.ExecutionQuery;
import dev.weft.store.ExecutionRecord;
import dev.weft.store.ExecutionRecord.Status;
import dev.weft.store.QueueMessage;
import dev.weft.store.StoreException;
import dev.weft.store.WorkflowRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the stores, and what they do with a database that is down or rows that are corrupt. */
class JdbcStoresTest {

  @Test
  void h2InADataFolderKeepsEverythingAcrossRestarts(@TempDir Path dataFolder) {
    String id;
    try (JdbcStores stores = JdbcStores.open(JdbcConfig.h2(dataFolder))) {
      assertThat(stores.databaseProduct()).isEqualTo("H2");
      id = stores.workflows().create(WorkflowRecord.of("Survives", Map.of("nodes", java.util.List.of()))).id();
      stores.executions().create(ExecutionRecord.newExecution(id, "Survives", "manual").withId("exec-1"));
      stores.workQueue().enqueue(QueueMessage.of(Map.of("executionId", "exec-1")).withId("exec-1"));
    }
    assertThat(dataFolder.resolve("weft.mv.db")).exists();

    try (JdbcStores again = JdbcStores.open(JdbcConfig.h2(dataFolder))) {
      assertThat(again.workflows().get(id).orElseThrow().name()).isEqualTo("Survives");
      assertThat(again.executions().get("exec-1").orElseThrow().workflowId()).isEqualTo(id);
      assertThat(again.workQueue().size()).isEqualTo(1);
    }
  }

  @Test
  void oneUrlPropertySelectsPostgresqlAndTheSchemaIsCreated() throws Exception {
    Properties props = new Properties();
    props.setProperty(JdbcConfig.URL_PROPERTY, TestDatabases.PG_URL);
    props.setProperty(JdbcConfig.USER_PROPERTY, TestDatabases.PG_USER);
    props.setProperty(JdbcConfig.PASSWORD_PROPERTY, TestDatabases.PG_PASSWORD);
    props.setProperty(JdbcConfig.POOL_SIZE_PROPERTY, "3");
    props.setProperty(JdbcConfig.SCHEMA_PROPERTY, "weft_t_props_" + ProcessHandle.current().pid());
    JdbcConfig config = JdbcConfig.fromProperties(props, Path.of("unused"));
    assertThat(config.poolSize()).isEqualTo(3);

    JdbcStores stores = JdbcStores.open(config);
    try {
      assertThat(stores.databaseProduct()).isEqualTo("PostgreSQL");
      stores.credentials().create(new dev.weft.store.CredentialRecord(null, "c", "t", null, "sealed", null, null));
      try (Connection c = TestDatabases.postgresConnection();
          PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"" + config.schema()
              + "\".weft_credential")) {
        var rs = ps.executeQuery();
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    } finally {
      TestDatabases.dropAndClose(stores);
    }
  }

  @Test
  void withoutAUrlPropertyTheDefaultIsH2UnderTheDataFolder(@TempDir Path dataFolder) {
    JdbcConfig config = JdbcConfig.fromProperties(new Properties(), dataFolder);
    assertThat(config.url()).startsWith("jdbc:h2:file:")
        .endsWith("/weft;WRITE_DELAY=0;MAX_LENGTH_INPLACE_LOB=" + JdbcConfig.H2_INPLACE_LOB);
    assertThatThrownBy(() -> JdbcConfig.fromProperties(props(JdbcConfig.POOL_SIZE_PROPERTY, "ten"), dataFolder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(JdbcConfig.POOL_SIZE_PROPERTY).hasMessageContaining("ten");
  }

  private static Properties props(String key, String value) {
    Properties p = new Properties();
    p.setProperty(key, value);
    return p;
  }

  @Test
  void aDatabaseThatIsDownGivesOneMessageNamingTheUrlButNeverThePassword() {
    JdbcConfig config = JdbcConfig.url("jdbc:postgresql://127.0.0.1:1/weft?password=url-s3cret")
        .withCredentials("weft", "hunter2-s3cret").withConnectionTimeout(Duration.ofSeconds(2));

    assertThatThrownBy(() -> JdbcStores.open(config))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open the PostgreSQL database jdbc:postgresql://127.0.0.1:1/weft")
        .hasMessageContaining("user 'weft'")
        .hasMessageContaining("refused")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    assertThat(config.toString()).doesNotContain("s3cret");
  }

  @Test
  void anUnsupportedUrlIsRefusedNamingTheSupportedOnes() {
    assertThatThrownBy(() -> JdbcStores.open(JdbcConfig.url("jdbc:mysql://localhost/weft")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:mysql://localhost/weft")
        .hasMessageContaining("jdbc:h2:").hasMessageContaining("jdbc:postgresql:");
    assertThatThrownBy(() -> JdbcConfig.url("jdbc:h2:mem:x").withSchema("Bad-Schema"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bad-Schema");
  }

  @Test
  void aCorruptRowIsReportedWithItsIdAndListingsGoOnWithoutIt() throws Exception {
    try (JdbcStores stores = JdbcStores.open(TestDatabases.h2Config())) {
      ExecutionRecord good = stores.executions().create(ExecutionRecord.newExecution("wf", "W", "manual")
          .withStatus(Status.RUNNING));
      ExecutionRecord bad = stores.executions().create(ExecutionRecord.newExecution("wf", "W", "manual")
          .withStatus(Status.RUNNING).withId("exec-broken"));
      sql(stores, "UPDATE weft_execution_data SET data = '{\"resultData\": [unclosed' WHERE execution_id = '"
          + bad.id() + "'");

      assertThatThrownBy(() -> stores.executions().get("exec-broken"))
          .isInstanceOfSatisfying(CorruptRecordException.class, e -> {
            assertThat(e.kind()).isEqualTo("execution");
            assertThat(e.id()).isEqualTo("exec-broken");
          })
          .hasMessageContaining("execution 'exec-broken' is corrupt")
          .hasMessageContaining("run data");
      for (int poll = 0; poll < 3; poll++) {
        assertThat(stores.executions().findByStatus(Status.RUNNING)).extracting(ExecutionRecord::id)
            .containsExactly(good.id());
      }
      assertThat(stores.executions().list(ExecutionQuery.all()).items()).extracting(ExecutionRecord::id)
          .containsExactly(good.id());

      sql(stores, "UPDATE weft_execution SET status = 'EXPLODED' WHERE id = '" + good.id() + "'");
      assertThatThrownBy(() -> stores.executions().get(good.id()))
          .isInstanceOf(CorruptRecordException.class).hasMessageContaining(good.id())
          .hasMessageContaining("EXPLODED");
    }
  }

  @Test
  void aQueueMessageWithACorruptPayloadIsDeadLetteredInsteadOfBlockingTheQueue() throws Exception {
    try (JdbcStores stores = JdbcStores.open(TestDatabases.h2Config())) {
      stores.workQueue().enqueue(QueueMessage.of(Map.of("n", 1)).withId("broken").withPriority(9));
      stores.workQueue().enqueue(QueueMessage.of(Map.of("n", 2)).withId("fine"));
      sql(stores, "UPDATE weft_queue SET payload = 'not json' WHERE id = 'broken'");

      var leases = stores.workQueue().claim("w", 10, Duration.ofMinutes(1));

      assertThat(leases).extracting(l -> l.messageId()).containsExactly("fine");
      var dead = stores.workQueue().deadLetters(10);
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).message().id()).isEqualTo("broken");
      assertThat(dead.get(0).lastError()).contains("queue message 'broken' is corrupt").contains("payload");
      assertThat(dead.get(0).message().payload()).containsEntry("corruptPayload", "not json");
    }
  }

  private static void sql(JdbcStores stores, String statement) throws Exception {
    try (Connection c = stores.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate(statement);
      c.commit();
    }
  }

  @Test
  void customDataTooLongToIndexIsRefusedNamingTheExecutionAndKey() {
    try (JdbcStores stores = JdbcStores.open(TestDatabases.h2Config())) {
      ExecutionRecord tooLong = ExecutionRecord.newExecution("wf", "W", "manual").withId("exec-long")
          .withCustomData(Map.of("orderNote", "x".repeat(JdbcExecutionStore.MAX_CUSTOM_VALUE + 1)));

      assertThatThrownBy(() -> stores.executions().create(tooLong))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("custom data 'orderNote' of execution 'exec-long' is 1001 characters long")
          .hasMessageContaining("at most 1000");
      assertThat(stores.executions().get("exec-long")).isEmpty();
    }
  }

  @Test
  void theStoresFailClearlyOnceClosed() {
    JdbcStores stores = JdbcStores.open(TestDatabases.h2Config());
    stores.close();
    assertThatThrownBy(() -> stores.workflows().get("wf-1"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("reading workflow 'wf-1' failed on the H2 database jdbc:h2:mem:weft-");
  }

  @Test
  void tempFilesAreNotLeftInTheDataFolder(@TempDir Path dataFolder) throws Exception {
    try (JdbcStores stores = JdbcStores.open(JdbcConfig.h2(dataFolder))) {
      stores.binaries().store(new byte[] {1, 2, 3}, "application/octet-stream", "x.bin");
    }
    try (var files = Files.list(dataFolder)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("weft.mv.db");
    }
  }
}
