package dev.weft.n8n.importer;

import java.util.List;

/**
 * Maps one family of n8n node types (every type version) to a Weft node with that node's native parameters. A mapper
 * that meets something it cannot carry over reports it on the context and returns {@code null}.
 */
interface NodeMapper {

  /** The n8n type names this mapper handles, such as {@code n8n-nodes-base.set}. */
  List<String> n8nTypes();

  /** The Weft node for this n8n node, or {@code null} after reporting why there is none. */
  MappedNode map(N8nNode node, MappingContext context);
}
