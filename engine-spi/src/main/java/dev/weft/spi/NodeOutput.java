package dev.weft.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a node returns: a list of items per output, or a request to suspend the execution.
 *
 * <p>An output with no items does not run the branch behind it (unless the node's workflow settings ask for
 * "always output data"). Items that failed under the "continue" settings are carried as {@link ItemError}s and placed
 * by the engine: as an item with an {@code error} field on output 0, or on the node's error output.
 */
public final class NodeOutput {
  private static final NodeOutput NONE = new NodeOutput(List.of(List.of()), List.of(), null);

  private final List<List<Item>> outputs;
  private final List<ItemError> errors;
  private final Suspension suspension;

  private NodeOutput(List<List<Item>> outputs, List<ItemError> errors, Suspension suspension) {
    this.outputs = outputs;
    this.errors = errors;
    this.suspension = suspension;
  }

  /** Items on output 0. */
  public static NodeOutput of(List<Item> items) {
    return new NodeOutput(List.of(Objects.requireNonNull(items, "items")), List.of(), null);
  }

  /** Items per output, in output order. */
  @SafeVarargs
  public static NodeOutput of(List<Item>... perOutput) {
    return new NodeOutput(List.copyOf(Arrays.asList(perOutput)), List.of(), null);
  }

  /** Items per output, in output order. */
  public static NodeOutput ofOutputs(List<List<Item>> perOutput) {
    return new NodeOutput(List.copyOf(perOutput), List.of(), null);
  }

  /** No items on output 0. */
  public static NodeOutput none() {
    return NONE;
  }

  /**
   * Suspends the execution at this node until the time given or until it is resumed from outside. When the execution
   * resumes, the engine runs the node again with {@link NodeContext#resumption()} set.
   */
  public static NodeOutput suspend(Suspension suspension) {
    return new NodeOutput(List.of(), List.of(), Objects.requireNonNull(suspension, "suspension"));
  }

  /** Items per output; empty when suspending. */
  public List<List<Item>> outputs() {
    return outputs;
  }

  /** Items on one output; empty when the node did not fill it. */
  public List<Item> output(int index) {
    return index < outputs.size() ? outputs.get(index) : List.of();
  }

  /** Items that failed while the node continued. */
  public List<ItemError> errors() {
    return errors;
  }

  /** The suspension requested, or {@code null}. */
  public Suspension suspension() {
    return suspension;
  }

  /**
   * An item that failed while its node continued with the others.
   *
   * @param itemIndex index of the input item that failed
   * @param position where among output 0's items the error item belongs
   * @param error the failure
   */
  public record ItemError(int itemIndex, int position, Exception error) {}

  /**
   * Collects items per output. Obtain one from {@link NodeContext#output()}: it knows whether the workflow wants the
   * node to stop at the first failed item (then {@link #fail} throws) or to continue.
   */
  public static final class Builder {
    private final List<List<Item>> outputs;
    private final List<ItemError> errors = new ArrayList<>();
    private final boolean stopOnError;

    /**
     * A builder for {@code outputCount} outputs.
     *
     * @param stopOnError whether {@link #fail} throws at once
     */
    public Builder(int outputCount, boolean stopOnError) {
      this.outputs = new ArrayList<>(outputCount);
      for (int i = 0; i < outputCount; i++) {
        outputs.add(new ArrayList<>());
      }
      this.stopOnError = stopOnError;
    }

    /** Adds an item to an output. */
    public Builder add(int output, Item item) {
      if (output < 0 || output >= outputs.size()) {
        throw new IndexOutOfBoundsException("output " + output + " does not exist; the node has " + outputs.size());
      }
      outputs.get(output).add(Objects.requireNonNull(item, "item"));
      return this;
    }

    /** Adds items to an output. */
    public Builder addAll(int output, List<Item> items) {
      for (Item item : items) {
        add(output, item);
      }
      return this;
    }

    /**
     * Records that input item {@code itemIndex} failed. Throws when the node is to stop at the first failure (a
     * {@link NodeException} naming the item); otherwise the engine places an error item for it.
     */
    public Builder fail(int itemIndex, Exception error) throws NodeException {
      if (stopOnError) {
        if (error instanceof NodeException ne) {
          if (ne.itemIndex() >= 0) {
            throw ne;
          }
          throw new NodeException(ne.getMessage(), ne.parameter(), itemIndex, ne.description(), ne.getCause());
        }
        if (error instanceof ExecutionCancelledException cancelled) {
          throw cancelled;
        }
        throw NodeException.item(itemIndex, error.getMessage() == null ? error.toString() : error.getMessage(), error);
      }
      errors.add(new ItemError(itemIndex, outputs.isEmpty() ? 0 : outputs.get(0).size(), error));
      return this;
    }

    /** Whether a failure stops the node. */
    public boolean stopsOnError() {
      return stopOnError;
    }

    /** The finished output. */
    public NodeOutput build() {
      return new NodeOutput(List.copyOf(outputs), List.copyOf(errors), null);
    }
  }
}
