package dev.weft.nodes.ai;

import dev.weft.nodes.ai.agent.AgentNode;
import dev.weft.nodes.ai.chat.ChatModelNode;
import dev.weft.nodes.ai.classify.InformationExtractorNode;
import dev.weft.nodes.ai.classify.SummarizeNode;
import dev.weft.nodes.ai.classify.TextClassifierNode;
import dev.weft.nodes.ai.memory.ConversationMemoryNode;
import dev.weft.nodes.ai.agent.ToolFactories;
import dev.weft.nodes.ai.model.ModelProviders;
import dev.weft.nodes.ai.chattrigger.ChatTriggerNode;
import dev.weft.nodes.ai.document.DocumentLoaderNode;
import dev.weft.nodes.ai.document.TextSplitterNode;
import dev.weft.nodes.ai.vector.EmbeddingsNode;
import dev.weft.nodes.ai.vector.VectorStoreNode;
import dev.weft.nodes.ai.vector.VectorStoreTool;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Node;
import dev.weft.spi.NodePack;
import java.util.List;

/**
 * The AI node pack: chat models, agents with tools, conversation memory, classifiers, embeddings and vector search.
 * Node type ids are {@code weft.ai.*}; credential types {@code weft.openAiApi} and {@code weft.anthropicApi}.
 *
 * <p>Add a node with one line in {@link #nodes()}, a tool kind for agents with one {@code .with(kind, factory)}
 * line in {@link #toolFactories()}.
 */
public final class AiNodes implements NodePack {

  @Override
  public String id() {
    return "weft.ai";
  }

  /** The tool kinds agents know. */
  static ToolFactories toolFactories() {
    return ToolFactories.builtIn()
        .with(VectorStoreTool.KIND, VectorStoreTool::create);
  }

  @Override
  public List<Node> nodes() {
    ToolFactories tools = toolFactories();
    return List.of(
        new ChatModelNode(),
        new AgentNode(tools),
        new ConversationMemoryNode(),
        new TextClassifierNode(),
        new InformationExtractorNode(),
        new SummarizeNode(),
        new EmbeddingsNode(),
        new VectorStoreNode(),
        new DocumentLoaderNode(),
        new TextSplitterNode(),
        new ChatTriggerNode());
  }

  @Override
  public List<CredentialType> credentialTypes() {
    return List.of(ModelProviders.openAiType(), ModelProviders.anthropicType());
  }
}
