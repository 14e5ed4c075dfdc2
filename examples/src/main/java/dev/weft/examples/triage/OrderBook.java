package dev.weft.examples.triage;

import java.util.Map;
import java.util.Optional;

/**
 * The host application's orders, as the support-triage example's {@link OrderStatusNode} reads them. A host offers
 * its implementation to nodes with {@code Weft.builder().service(OrderBook.class, ...)}.
 */
@FunctionalInterface
public interface OrderBook {

  /** The order with this id as JSON values (status, items, dates), or empty. */
  Optional<Map<String, Object>> find(String orderId);
}
