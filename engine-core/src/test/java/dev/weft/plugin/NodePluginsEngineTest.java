package dev.weft.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.plugin.fixtures.LazyHelper;
import dev.weft.plugin.fixtures.Packs;
import dev.weft.plugin.fixtures.ShoutNode;
import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.workflow.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins under the engine facade ({@code Weft.builder().pluginsDirectory}): workflows run through plugin nodes, and
 * plans follow loads, reloads and unloads.
 */
class NodePluginsEngineTest {
  @TempDir
  Path dir;

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private Weft weft;
  private NodePlugins plugins;

  /** A host node that holds its execution until the test releases it. */
  private final class Gate implements ItemNode {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("host.gate").build();
    }

    @Override
    public Item process(Item item, int itemIndex, NodeContext context) throws Exception {
      entered.countDown();
      if (!release.await(10, TimeUnit.SECONDS)) {
        throw new NodeException("the test never released the gate");
      }
      return item;
    }
  }

  /** Builds the engine: its plugins folder is read now, so write the zips first. */
  private void start() {
    weft = Weft.builder().discoverNodePacks(false).node(new Gate()).pluginsDirectory(dir).build();
    plugins = weft.plugins();
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (weft != null) {
      weft.close();
    }
  }

  private static TestPlugin alpha(String textLibVersion) {
    return TestPlugin.of("alpha").version(textLibVersion + ".0")
        .classes(Packs.class, ShoutNode.class, LazyHelper.class)
        .pack(Packs.Alpha.class)
        .lib("textlib-" + textLibVersion + ".jar", TestPlugin.textLib(textLibVersion, false));
  }

  private ExecutionResult run(Workflow wf, Item item) {
    return weft.run(wf, List.of(item));
  }

  @Test
  void aWorkflowRunsThroughAPluginNode() throws Exception {
    alpha("1.0").zip(dir, "alpha.zip");
    start();
    Workflow wf = Workflow.builder("shout").node("Shout", "alpha.shout").build();

    ExecutionResult result = run(wf, Item.of("text", "hello"));

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(result.items("Shout")).extracting(Item::json)
        .containsExactly(Map.of("text", "hello", "shout", "HELLO!", "lib", "1.0"));
  }

  @Test
  void aRunningExecutionKeepsItsNodesWhileNewExecutionsUseTheReloadedVersion() throws Exception {
    Path zip = alpha("1.0").zip(dir, "alpha.zip");
    start();
    Workflow gated = Workflow.builder("gated").node("Gate", "host.gate").node("Shout", "alpha.shout")
        .chain("Gate", "Shout").build();
    CompletableFuture<ExecutionResult> running =
        weft.runAsync(gated, List.of(Item.of("text", "old")));
    assertThat(entered.await(10, TimeUnit.SECONDS)).as("the execution reached the gate").isTrue();

    alpha("2.0").zip(dir, "alpha.zip");
    Files.setLastModifiedTime(zip, FileTime.from(Instant.now().plusSeconds(60)));
    plugins.reload("alpha");
    Workflow direct = Workflow.builder("direct").node("Shout", "alpha.shout").build();
    assertThat(run(direct, Item.of("text", "new")).items("Shout").get(0).json()).containsEntry("lib", "2.0");

    release.countDown();
    ExecutionResult old = running.get(10, TimeUnit.SECONDS);
    assertThat(old.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(old.items("Shout").get(0).json()).containsEntry("lib", "1.0").containsEntry("shout", "OLD!");

    // the same workflow object plans again after the reload
    assertThat(run(gated, Item.of("text", "again")).items("Shout").get(0).json()).containsEntry("lib", "2.0");
  }

  @Test
  void afterAnUnloadARunningExecutionFinishesAndNewOnesReportTheMissingType() throws Exception {
    alpha("1.0").zip(dir, "alpha.zip");
    start();
    Workflow gated = Workflow.builder("gated").node("Gate", "host.gate").node("Shout", "alpha.shout")
        .chain("Gate", "Shout").build();
    assertThat(weft.validate(gated)).isEmpty();
    CompletableFuture<ExecutionResult> running =
        weft.runAsync(gated, List.of(Item.of("text", "x", "lazy", true)));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    plugins.unload("alpha");
    release.countDown();

    ExecutionResult finished = running.get(10, TimeUnit.SECONDS);
    assertThat(finished.status()).isEqualTo(ExecutionStatus.SUCCESS);
    // the unloaded plugin's node still loads its own classes (LazyHelper is first touched here)
    assertThat(finished.items("Shout").get(0).json()).containsEntry("lib", "1.0")
        .containsEntry("helperFromPlugin", true);
    assertThat(weft.validate(gated)).extracting(Object::toString).anySatisfy(p -> assertThat(p)
        .contains("alpha.shout"));
  }
}
