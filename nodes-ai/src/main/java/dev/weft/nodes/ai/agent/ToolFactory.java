package dev.weft.nodes.ai.agent;

import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;

/**
 * Makes the tools of one kind from their declarations. Factories are registered by kind in {@link ToolFactories};
 * the agent node asks the factory of each declared tool's kind for the tool at the start of each run.
 */
@FunctionalInterface
public interface ToolFactory {

  /**
   * The tool a declaration describes.
   *
   * @param definition the declaration (name, description, kind, config)
   * @param context the agent node's context
   * @param itemIndex the item the agent run answers
   * @throws NodeException naming the tool and the setting when the declaration is unusable
   */
  AgentTool create(ToolDefinition definition, NodeContext context, int itemIndex) throws NodeException;
}
