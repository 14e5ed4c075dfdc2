package dev.weft.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.store.ExecutionRecord;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second JVM writes executions to H2 in a data folder and is killed with SIGKILL mid-stream: every execution whose
 * create had returned before the kill is there when the folder is opened again.
 */
class H2CrashTest {

  /** The writer run in the second JVM: creates executions forever, printing each id once its commit returned. */
  public static void main(String[] args) {
    try (JdbcStores stores = JdbcStores.open(JdbcConfig.h2(Path.of(args[0])))) {
      for (int i = 0; ; i++) {
        String id = stores.executions().create(ExecutionRecord.newExecution("wf", "W", "trigger")
            .withId("exec-" + i).withData(ContractData.runData(i))).id();
        System.out.println("committed " + id);
        System.out.flush();
      }
    }
  }

  @Test
  void executionsCommittedBeforeAKillDashNineSurviveIt(@TempDir Path dataFolder) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", H2CrashTest.class.getName(), dataFolder.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<String> committed = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      for (String line; committed.size() < 300 && System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
        if (line.startsWith("committed ")) {
          committed.add(line.substring("committed ".length()));
        }
      }
      writer.destroyForcibly(); // SIGKILL: no shutdown hook, no close
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(committed).as("ids the writer reported before it was killed").hasSizeGreaterThanOrEqualTo(300);
    assertThat(new File(dataFolder.toFile(), "weft.mv.db")).exists();

    try (JdbcStores reopened = JdbcStores.open(JdbcConfig.h2(dataFolder))) {
      List<String> missing = new ArrayList<>();
      for (String id : committed) {
        var e = reopened.executions().get(id);
        if (e.isEmpty() || !e.get().data().containsKey("marker")) {
          missing.add(id);
        }
      }
      assertThat(missing).as("committed executions lost by the kill").isEmpty();
    }
  }

  /** Run data of a realistic size. */
  static final class ContractData {
    static java.util.Map<String, Object> runData(int i) {
      java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
      data.put("marker", "run " + i);
      data.put("items", java.util.Collections.nCopies(20, java.util.Map.of("json", java.util.Map.of("n", i))));
      return data;
    }
  }
}
