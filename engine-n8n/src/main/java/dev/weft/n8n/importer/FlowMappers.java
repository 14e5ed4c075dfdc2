package dev.weft.n8n.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameterless flow nodes and triggers: Manual Trigger, No Operation, Stop and Error, and Webhook, which becomes
 * {@code weft.webhook} when the engine has it and otherwise a Manual Trigger that passes on the trigger input.
 */
final class FlowMappers implements NodeMapper {
  static final String MANUAL = "n8n-nodes-base.manualTrigger";
  static final String NO_OP = "n8n-nodes-base.noOp";
  static final String WEBHOOK = "n8n-nodes-base.webhook";
  static final String STOP = "n8n-nodes-base.stopAndError";

  @Override
  public List<String> n8nTypes() {
    return List.of(MANUAL, NO_OP, WEBHOOK, STOP);
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    switch (node.type()) {
      case MANUAL:
        return MappedNode.of("weft.manualTrigger", new LinkedHashMap<>());
      case NO_OP:
        return MappedNode.of("weft.noOp", new LinkedHashMap<>());
      case STOP:
        return stop(ctx);
      default:
        return webhook(ctx);
    }
  }

  private static MappedNode stop(MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    String type = ctx.string("errorType", "errorMessage");
    if (type.equals("errorObject")) {
      p.put("errorType", "object");
      p.put("errorObject", ctx.value("errorObject", "{}"));
    } else {
      p.put("errorType", "message");
      p.put("message", ctx.value("errorMessage", ""));
    }
    return MappedNode.of("weft.stopAndError", p);
  }

  private static MappedNode webhook(MappingContext ctx) {
    if (ctx.hasType("weft.webhook")) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("httpMethod", ctx.string("httpMethod", "GET"));
      p.put("path", ctx.value("path", ""));
      return MappedNode.of("weft.webhook", p);
    }
    return MappedNode.of("weft.manualTrigger", new LinkedHashMap<>());
  }
}
