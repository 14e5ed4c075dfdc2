package dev.weft.persistence.jdbc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What listings do with a row they cannot read: skip it and log it once per store, so that a poller running every
 * second does not stop at one bad row nor flood the log with it.
 */
final class CorruptRows {
  private static final Logger LOG = LoggerFactory.getLogger(CorruptRows.class);
  private static final int MAX_REMEMBERED = 10_000;

  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  void skip(CorruptRecordException e, String listing) {
    String key = e.kind() + "\u0000" + e.id();
    if (reported.size() < MAX_REMEMBERED && reported.add(key)) {
      LOG.error("{} skips a corrupt row: {} (fix or delete the row; this is logged once)", listing, e.getMessage(),
          e);
    }
  }
}
