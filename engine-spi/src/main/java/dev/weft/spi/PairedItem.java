package dev.weft.spi;

/**
 * Lineage of an output item: which input item (of which input) it was made from. The engine follows these links to
 * answer expressions such as {@code $node("Fetch").json}, which mean "the item in node Fetch that this item came from".
 *
 * @param item index of the source item in that input
 * @param input index of the input the source item arrived on (0 for most nodes)
 */
public record PairedItem(int item, int input) {
  public PairedItem {
    if (item < 0 || input < 0) {
      throw new IllegalArgumentException("paired item indexes must not be negative: item=" + item + ", input=" + input);
    }
  }

  /** The item at {@code item} on input 0. */
  public static PairedItem of(int item) {
    return new PairedItem(item, 0);
  }
}
