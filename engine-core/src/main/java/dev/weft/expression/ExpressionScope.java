package dev.weft.expression;

import dev.weft.spi.Item;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What an expression can see while it is evaluated for one item of one node. The executor implements it, one instance
 * per (node, item); the engine calls only the methods an expression needs.
 */
public interface ExpressionScope {
  /** The current item's JSON ({@code $json}, and JSONata's context {@code $}); an empty map when there is no item. */
  Map<String, Object> json();

  /** The index of the current item in the node's input ({@code $itemIndex}). */
  int itemIndex();

  /** How many times the node has run before in this execution ({@code $runIndex}). */
  int runIndex();

  /** All items on input 0 ({@code $inputItems()}). */
  List<Item> inputItems();

  /**
   * The item of node {@code nodeName} that the current item derives from ({@code $node(name)}).
   *
   * @throws ExpressionException naming the node when it does not exist, has not run, or the lineage is unknown
   */
  Item pairedItem(String nodeName) throws ExpressionException;

  /**
   * Output 0 of the last run of node {@code nodeName} ({@code $nodeItems(name)}).
   *
   * @throws ExpressionException naming the node when it does not exist or has not run
   */
  List<Item> nodeItems(String nodeName) throws ExpressionException;

  /**
   * The state node {@code nodeName} keeps between its runs ({@code $node(name).context}, n8n's node context, such as
   * Split In Batches' {@code noItemsLeft}): a read-only view, empty when the node keeps none or has not run. The default
   * knows no state.
   *
   * @throws ExpressionException naming the node when the workflow has no node of that name
   */
  default Map<String, Object> nodeState(String nodeName) throws ExpressionException {
    return Map.of();
  }

  /** Workflow variables ({@code $vars}). */
  Map<String, Object> vars();

  /** {@code $execution}: at least {@code id} and {@code mode}. */
  Map<String, Object> execution();

  /** {@code $workflow}: at least {@code id} and {@code name}. */
  Map<String, Object> workflow();

  /** The clock for {@code $now}, {@code $today} and date defaults. */
  Clock clock();

  /** The workflow's time zone. */
  ZoneId zone();
}
