package dev.weft.server;

import dev.weft.store.AuditEntry;
import dev.weft.store.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one audit entry per mutating API call, after the change is made. Entries hold names and ids only, never a
 * credential value, password or token. A failed write is logged, not answered: the change it records is already done,
 * and an error would make the client repeat it.
 */
final class AuditTrail {
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
  private final AuditLog log;

  AuditTrail(AuditLog log) {
    this.log = log;
  }

  AuditLog log() {
    return log;
  }

  /** Records what a signed-in user did. */
  void record(Tokens.Principal user, String action, String targetType, String targetId, Object... details) {
    record(user.userId(), action, targetType, targetId, details);
  }

  /**
   * Records what an actor did.
   *
   * @param details alternating keys and values; {@code null} values are left out
   */
  void record(String actor, String action, String targetType, String targetId, Object... details) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < details.length; i += 2) {
      if (details[i + 1] != null) {
        map.put((String) details[i], details[i + 1]);
      }
    }
    try {
      log.append(AuditEntry.of(actor, action, targetType, targetId, map));
    } catch (RuntimeException e) {
      LOG.error("the audit entry {} by {} on {} '{}' could not be written", action, actor, targetType, targetId, e);
    }
  }
}
