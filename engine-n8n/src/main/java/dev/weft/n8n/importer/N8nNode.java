package dev.weft.n8n.importer;

import java.util.Map;

/**
 * An n8n node as the importer reads it.
 *
 * @param name the node's name
 * @param type the n8n type name ({@code n8n-nodes-base.if})
 * @param typeVersion the n8n type version (1, 2.2, ...)
 * @param parameters the stored parameters; n8n omits those left at their default
 */
record N8nNode(String name, String type, double typeVersion, Map<String, Object> parameters) {

  /** The type and version as people read them: {@code n8n-nodes-base.if@2.2}. */
  String typeLabel() {
    String v = typeVersion == Math.rint(typeVersion) ? String.valueOf((long) typeVersion)
        : String.valueOf(typeVersion);
    return type + "@" + v;
  }
}
