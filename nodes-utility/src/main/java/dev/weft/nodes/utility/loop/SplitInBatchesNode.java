package dev.weft.nodes.utility.loop;

import dev.weft.nodes.utility.io.NodeIo;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loop Over Items ({@code weft.splitInBatches}): hands its input to the {@code loop} output in batches, one batch per
 * run, and when every batch has gone round, puts every item that came back from the loop branch on the {@code done}
 * output.
 *
 * <p>Its position is kept in {@link NodeContext#nodeState()} under n8n's context names, which expressions may read:
 * {@code currentRunIndex}, {@code maxRunIndex}, {@code noItemsLeft} and {@code done}; the waiting items and the
 * processed ones are kept as plain JSON ({@code items}, {@code processedItems}) so the state survives a suspension.
 */
public final class SplitInBatchesNode implements Node {
  static final String ITEMS = "items";
  static final String PROCESSED = "processedItems";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.splitInBatches")
      .displayName("Loop Over Items")
      .group("flow")
      .description("Splits items into batches and runs the loop branch once per batch; outputs all processed items when done.")
      .icon("fa:sync")
      .outputs(new Port("done", "Done", false), new Port("loop", "Loop", false))
      .parameters(
          ParameterSpec.number("batchSize").displayName("Batch Size").defaultValue(1L).required()
              .description("How many items each run of the loop branch receives."),
          ParameterSpec.bool("reset").displayName("Reset").defaultValue(false)
              .description("Treat the incoming items as a new set and start again from the first batch, "
                  + "forgetting the items still waiting and those already processed."))
      .governsLoops()
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  @SuppressWarnings("unchecked")
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> input = context.items();
    int batchSize = batchSize(context);
    boolean reset = !input.isEmpty() && context.bool("reset", 0);
    Map<String, Object> state = context.nodeState();

    List<Item> batch = new ArrayList<>();
    if (!state.containsKey(ITEMS) || reset) {
      int take = Math.min(batchSize, input.size());
      for (int i = 0; i < take; i++) {
        batch.add(input.get(i).pairedWith(i));
      }
      state.put("currentRunIndex", 0L);
      state.put("maxRunIndex", (long) Math.ceil(input.size() / (double) batchSize));
      state.put(ITEMS, NodeIo.toPlain(input.subList(take, input.size())));
      state.put(PROCESSED, new ArrayList<>());
    } else {
      state.put("currentRunIndex", ((Number) state.getOrDefault("currentRunIndex", 0L)).longValue() + 1);
      List<Object> waiting = new ArrayList<>((List<Object>) state.get(ITEMS));
      int take = Math.min(batchSize, waiting.size());
      for (int i = 0; i < take; i++) {
        batch.add(NodeIo.fromPlain(waiting.get(i)));
      }
      state.put(ITEMS, new ArrayList<>(waiting.subList(take, waiting.size())));
      List<Object> processed = new ArrayList<>((List<Object>) state.getOrDefault(PROCESSED, List.of()));
      processed.addAll(NodeIo.toPlain(input));
      state.put(PROCESSED, processed);
    }
    state.put("noItemsLeft", ((List<Object>) state.get(ITEMS)).isEmpty());

    if (batch.isEmpty()) {
      state.put("done", true);
      List<Object> processed = (List<Object>) state.get(PROCESSED);
      int fromEarlierRuns = processed.size() - input.size();
      List<Item> done = new ArrayList<>(processed.size());
      for (int i = 0; i < processed.size(); i++) {
        Item item = NodeIo.fromPlain(processed.get(i));
        // Items of this run's input can name their source; earlier runs' inputs are out of the SPI's reach.
        done.add(i >= fromEarlierRuns && fromEarlierRuns >= 0 ? item.pairedWith(i - fromEarlierRuns) : item);
      }
      return NodeOutput.of(done, List.of());
    }
    state.put("done", false);
    return NodeOutput.of(List.of(), batch);
  }

  private static int batchSize(NodeContext context) throws NodeException {
    Number size = context.parameter("batchSize", 0, Number.class);
    if (size == null || size.doubleValue() < 1 || size.doubleValue() != Math.floor(size.doubleValue())
        || size.doubleValue() > Integer.MAX_VALUE) {
      throw NodeException.parameter("batchSize", 0, "batch size must be a whole number of at least 1, was " + size);
    }
    return size.intValue();
  }
}
