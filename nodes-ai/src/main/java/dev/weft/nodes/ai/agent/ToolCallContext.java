package dev.weft.nodes.ai.agent;

import dev.weft.spi.NodeContext;

/**
 * What a tool call runs in: the agent node's context and the item the agent is working on.
 *
 * @param node the agent node's context (services, credentials the agent node holds, cancellation, sub-workflows,
 *     node calls)
 * @param itemIndex the input item the agent run answers
 * @param agentName the name of the agent calling (differs from the node's name for sub-agents and handoffs)
 * @param callId the model's id for this call
 */
public record ToolCallContext(NodeContext node, int itemIndex, String agentName, String callId) {}
