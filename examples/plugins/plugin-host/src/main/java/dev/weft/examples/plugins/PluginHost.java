package dev.weft.examples.plugins;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.plugin.PluginInfo;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A host application whose classpath holds the engine and no node pack: every node type comes from the plugins
 * folder. Run it with a folder of plugin zips and a workflow:
 *
 * <pre>
 * java dev.weft.examples.plugins.PluginHost plugins/ workflows/compare-names.json \
 *     '[{"name": "ada LOVELACE", "expected": "Ada Lovelace"}]'
 * </pre>
 *
 * It prints each plugin with its state (and why it failed, if it did), then the workflow's output items.
 */
public final class PluginHost {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PluginHost() {}

  /** An engine with the node packs of this plugins folder, and none from the classpath. */
  public static Weft engine(Path pluginsFolder) {
    return Weft.builder().discoverNodePacks(false).pluginsDirectory(pluginsFolder).build();
  }

  /**
   * Loads the plugins, runs the workflow with the given items and prints what happened.
   *
   * @param args the plugins folder, the workflow file, and optionally the input items as a JSON array of objects
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: PluginHost PLUGINS_FOLDER WORKFLOW.json [ITEMS_JSON_ARRAY]");
      System.exit(2);
    }
    List<Item> input = new ArrayList<>();
    if (args.length > 2) {
      for (Map<String, Object> json : JSON.readValue(args[2], new TypeReference<List<Map<String, Object>>>() {})) {
        input.add(Item.of(json));
      }
    } else {
      input.add(Item.empty());
    }
    Workflow workflow = Workflow.fromFile(Path.of(args[1]));
    try (Weft weft = engine(Path.of(args[0]))) {
      for (PluginInfo plugin : weft.plugins().list()) {
        System.out.println(plugin.status() + " " + plugin.id() + " " + plugin.version() + " "
            + (plugin.error() != null ? plugin.error() : plugin.nodeTypes()));
      }
      ExecutionResult result = weft.run(workflow, input);
      if (result.status() != ExecutionStatus.SUCCESS) {
        System.err.println(result.status() + ": " + result.error());
        System.exit(1);
      }
      for (Item item : result.output()) {
        System.out.println(JSON.writeValueAsString(item.json()));
      }
    }
  }
}
