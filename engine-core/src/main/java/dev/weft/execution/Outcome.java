package dev.weft.execution;

import dev.weft.spi.Item;
import dev.weft.spi.Suspension;
import java.util.List;

/**
 * How one node activation ended.
 *
 * @param task the activation
 * @param record its run record
 * @param outputs items per output (after the workflow's error setting was applied)
 * @param suspension set when the node suspended the execution
 * @param failure set when the node failed and the workflow says to stop
 * @param cancelled whether it ended because the execution was cancelled
 */
record Outcome(Task task, RunRecord record, List<List<Item>> outputs, Suspension suspension, Throwable failure,
    boolean cancelled) {}
