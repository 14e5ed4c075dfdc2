package dev.weft.execution;

import dev.weft.expression.ExpressionException;
import dev.weft.spi.Item;
import dev.weft.spi.PairedItem;
import java.util.List;

/**
 * Follows paired-item links back through the runs of an execution, answering "which item of node X did this item
 * come from".
 */
final class Lineage {
  private final ExecutionRun run;

  Lineage(ExecutionRun run) {
    this.run = run;
  }

  Item pairedItem(Task task, int itemIndex, String target) throws ExpressionException {
    requireNode(target);
    List<Item> items = task.input(0);
    if (itemIndex < 0 || itemIndex >= items.size()) {
      throw new ExpressionException("$node(\"" + target + "\"): there is no input item " + itemIndex
          + " to trace back from");
    }
    String[] problem = new String[1];
    Item found = trace(items.get(itemIndex), task.sources[0], target, problem, 0);
    if (found != null) {
      return found;
    }
    throw new ExpressionException(problem[0] != null ? problem[0] : "$node(\"" + target + "\"): node '" + target
        + "' is not on the path of the current item (it did not run before this node, or on another branch)");
  }

  /**
   * Follows the item's links back (every source it names, depth first) until an item that node {@code target}
   * produced; {@code null} when no path leads there.
   */
  private Item trace(Item item, Task.Source source, String target, String[] problem, int depth)
      throws ExpressionException {
    if (source == null || depth > 10_000) {
      return null;
    }
    List<RunRecord> sourceRuns = run.runs().get(source.node());
    if (sourceRuns == null || source.run() >= sourceRuns.size()) {
      return null;
    }
    if (source.node().equals(target)) {
      return item;
    }
    RunRecord producer = sourceRuns.get(source.run());
    if (producer.task == null) {
      throw new ExpressionException("$node(\"" + target + "\"): the engine did not keep the items of node '"
          + source.node() + "' (this workflow's expressions do not reference other nodes, and saveData is none)");
    }
    List<PairedItem> links = item.pairedItems();
    if (links.isEmpty()) {
      PairedItem inferred = link(item, producer);
      if (inferred == null) {
        problem[0] = "$node(\"" + target + "\"): the item cannot be traced back through node '" + source.node()
            + "' because that node did not say which input item each output item came from";
        return null;
      }
      links = List.of(inferred);
    }
    for (PairedItem link : links) {
      List<Item> producerInput = producer.task.input(link.input());
      if (link.item() >= producerInput.size()) {
        problem[0] = "$node(\"" + target + "\"): node '" + source.node() + "' names input item " + link.item()
            + ", which does not exist";
        continue;
      }
      Task.Source next = link.input() < producer.task.sources.length ? producer.task.sources[link.input()] : null;
      Item found = trace(producerInput.get(link.item()), next, target, problem, depth + 1);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static PairedItem link(Item item, RunRecord producer) {
    if (!item.pairedItems().isEmpty()) {
      return item.pairedItems().get(0);
    }
    for (int i = 0; i < producer.task.inputs.length; i++) {
      if (producer.task.input(i).size() == 1) {
        return new PairedItem(0, i);
      }
    }
    return null;
  }

  List<Item> nodeItems(String target) throws ExpressionException {
    requireNode(target);
    List<RunRecord> runs = run.runs().get(target);
    if (runs == null || runs.isEmpty()) {
      throw new ExpressionException("$nodeItems(\"" + target + "\"): node '" + target + "' has not run yet");
    }
    List<List<Item>> outputs = runs.get(runs.size() - 1).outputs;
    return outputs.isEmpty() ? List.of() : outputs.get(0);
  }

  private void requireNode(String target) throws ExpressionException {
    if (!run.plan().byName.containsKey(target)) {
      throw new ExpressionException("there is no node named '" + target + "' in this workflow");
    }
  }
}
