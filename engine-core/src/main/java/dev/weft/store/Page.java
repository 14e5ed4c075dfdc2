package dev.weft.store;

import java.util.List;
import java.util.Objects;

/**
 * One page of a listing.
 *
 * @param items the records on this page, in the listing's order
 * @param total how many records match the query across all pages
 * @param offset how many matching records come before this page
 * @param limit the most records a page holds
 * @param <T> the record type
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    if (total < 0 || offset < 0 || limit < 1) {
      throw new IllegalArgumentException(
          "page needs total >= 0, offset >= 0 and limit >= 1, got " + total + ", " + offset + ", " + limit);
    }
  }

  /** Whether matching records follow this page. */
  public boolean hasMore() {
    return offset + (long) items.size() < total;
  }
}
