package dev.weft.nodes.ai.memory;

import dev.weft.nodes.ai.model.ChatMessage;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversation Memory ({@code weft.ai.memory}): reads, adds to or clears the remembered conversation of a session —
 * the same store the Agent and Chat Model nodes use through their {@code memory} parameter (see
 * {@link ChatMemories}). {@code get} adds {@code messages} ({@code role}, {@code content}) to the item; {@code add}
 * and {@code clear} pass the item on.
 */
public final class ConversationMemoryNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.ai.memory";

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE).displayName("Conversation Memory")
      .group("ai").icon("fa:database")
      .description("Reads, adds to or clears the remembered conversation of a chat session.")
      .parameters(
          ParameterSpec.options("operation", new Option("get", "Get messages", "the last turns of the session"),
              new Option("add", "Add an exchange", "a user message and the answer"),
              new Option("clear", "Clear", "forget the session")).displayName("Operation"),
          ParameterSpec.string("sessionKey").displayName("Session key").required()
              .defaultValue("{{ $json.sessionId }}"),
          ParameterSpec.number("turns").displayName("Turns").defaultValue(10)
              .description("How many exchanges to read, or to keep when adding").displayWhen("operation", "get", "add"),
          ParameterSpec.string("userMessage").displayName("User message").required()
              .displayWhen("operation", "add"),
          ParameterSpec.string("aiMessage").displayName("Answer").required().displayWhen("operation", "add"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    ChatMemoryStore store = ChatMemories.store(context);
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        String key = context.string("sessionKey", i);
        if (key == null || key.isBlank()) {
          throw NodeException.parameter("sessionKey", i, "the session key is empty for this item");
        }
        String operation = context.string("operation", i);
        Item item = items.get(i);
        switch (operation) {
          case "get" -> {
            List<Object> messages = new ArrayList<>();
            for (ChatMessage m : store.load(key, turns(context, i) * 2)) {
              messages.add(m.toMap());
            }
            Map<String, Object> json = new LinkedHashMap<>(item.json());
            json.put("messages", messages);
            item = item.withJson(json);
          }
          case "add" -> {
            store.append(key, List.of(ChatMessage.user(context.string("userMessage", i)),
                ChatMessage.assistant(context.string("aiMessage", i))));
            store.trim(key, turns(context, i) * 2);
          }
          case "clear" -> store.clear(key);
          default -> throw NodeException.parameter("operation", i, "unknown operation '" + operation + "'");
        }
        out.add(0, item.pairedWith(i));
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private static int turns(NodeContext context, int i) throws NodeException {
    Number n = context.parameter("turns", i, Number.class);
    int turns = n == null ? 10 : n.intValue();
    if (turns < 1) {
      throw NodeException.parameter("turns", i, "turns must be at least 1");
    }
    return turns;
  }
}
