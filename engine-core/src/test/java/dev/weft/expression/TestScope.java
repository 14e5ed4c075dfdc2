package dev.weft.expression;

import dev.weft.spi.Item;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A hand-filled {@link ExpressionScope} for tests. */
final class TestScope implements ExpressionScope {
  Map<String, Object> json = new LinkedHashMap<>();
  int itemIndex;
  int runIndex;
  List<Item> inputItems = List.of();
  final Map<String, Item> paired = new HashMap<>();
  final Map<String, List<Item>> nodeOutputs = new HashMap<>();
  Map<String, Object> vars = Map.of();
  Map<String, Object> execution = Map.of("id", "exec-1", "mode", "manual");
  Map<String, Object> workflow = Map.of("id", "wf-1", "name", "Orders");
  Clock clock = Clock.fixed(Instant.parse("2025-01-01T10:20:30.456Z"), ZoneOffset.UTC);
  ZoneId zone = ZoneOffset.UTC;

  static TestScope of(Object... keysAndValues) {
    TestScope scope = new TestScope();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      scope.json.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return scope;
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
    return inputItems;
  }

  @Override
  public Item pairedItem(String nodeName) throws ExpressionException {
    if (!nodeOutputs.containsKey(nodeName) && !paired.containsKey(nodeName)) {
      throw new ExpressionException("there is no node named '" + nodeName + "' in this workflow");
    }
    Item item = paired.get(nodeName);
    if (item == null) {
      throw new ExpressionException("cannot tell which item of node '" + nodeName + "' item " + itemIndex
          + " came from");
    }
    return item;
  }

  @Override
  public List<Item> nodeItems(String nodeName) throws ExpressionException {
    List<Item> items = nodeOutputs.get(nodeName);
    if (items == null) {
      throw new ExpressionException("node '" + nodeName + "' has not run yet");
    }
    return items;
  }

  @Override
  public Map<String, Object> vars() {
    return vars;
  }

  @Override
  public Map<String, Object> execution() {
    return execution;
  }

  @Override
  public Map<String, Object> workflow() {
    return workflow;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public ZoneId zone() {
    return zone;
  }
}
