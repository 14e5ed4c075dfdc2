package dev.weft.execution;

import dev.weft.expression.ExpressionException;
import dev.weft.expression.ExpressionScope;
import dev.weft.spi.Item;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** What expressions see when a parameter is resolved for one item of one node activation. */
final class ItemScope implements ExpressionScope {
  private final ExecutionRun run;
  private final Task task;
  private final int itemIndex;
  private final int runIndex;
  private final Map<String, Object> json;

  ItemScope(ExecutionRun run, Task task, int itemIndex, int runIndex) {
    this.run = run;
    this.task = task;
    this.itemIndex = itemIndex;
    this.runIndex = runIndex;
    List<Item> items = task.input(0);
    this.json = itemIndex >= 0 && itemIndex < items.size() ? items.get(itemIndex).json() : Map.of();
  }

  @Override
  public Map<String, Object> json() {
    return json;
  }

  @Override
  public int itemIndex() {
    return itemIndex;
  }

  @Override
  public int runIndex() {
    return runIndex;
  }

  @Override
  public List<Item> inputItems() {
    return task.input(0);
  }

  @Override
  public Item pairedItem(String nodeName) throws ExpressionException {
    return run.lineage().pairedItem(task, itemIndex, nodeName);
  }

  @Override
  public List<Item> nodeItems(String nodeName) throws ExpressionException {
    return run.lineage().nodeItems(nodeName);
  }

  @Override
  public Map<String, Object> nodeState(String nodeName) throws ExpressionException {
    if (!run.plan().byName.containsKey(nodeName)) {
      throw new ExpressionException("$node(\"" + nodeName + "\"): there is no node named '" + nodeName
          + "' in this workflow");
    }
    Map<String, Object> state = run.nodeState.get(nodeName);
    return state == null ? Map.of() : java.util.Collections.unmodifiableMap(state);
  }

  @Override
  public Map<String, Object> vars() {
    return run.engine().vars();
  }

  @Override
  public Map<String, Object> execution() {
    return run.executionInfoMap();
  }

  @Override
  public Map<String, Object> workflow() {
    return run.workflowInfoMap();
  }

  @Override
  public Clock clock() {
    return run.engine().clock();
  }

  @Override
  public ZoneId zone() {
    return run.plan().zone;
  }
}
