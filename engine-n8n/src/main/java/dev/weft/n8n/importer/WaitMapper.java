package dev.weft.n8n.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n Wait to {@code weft.wait}: after a time interval, at a specified time, or on a webhook call (Weft's resume
 * call), with the wait-time limit of the last.
 */
final class WaitMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.wait");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    String resume = ctx.string("resume", "timeInterval");
    switch (resume) {
      case "timeInterval" -> {
        p.put("resume", "timeInterval");
        p.put("amount", ctx.value("amount", 1));
        p.put("unit", ctx.string("unit", "hours"));
      }
      case "specificTime" -> {
        p.put("resume", "specificTime");
        p.put("dateTime", ctx.value("dateTime", ""));
      }
      case "webhook" -> {
        p.put("resume", "call");
        boolean limit = ctx.bool("limitWaitTime", false);
        p.put("limitWaitTime", limit);
        if (limit) {
          String type = ctx.string("limitType", "afterTimeInterval");
          p.put("limitType", type);
          if (type.equals("afterTimeInterval")) {
            p.put("limitAmount", ctx.value("resumeAmount", 1));
            p.put("limitUnit", ctx.string("resumeUnit", "hours"));
          } else {
            p.put("maxDateTime", ctx.value("maxDateTime", ""));
          }
        }
      }
      default -> {
        return ctx.unsupportedNode("resuming on '" + resume + "' has no Weft equivalent");
      }
    }
    return MappedNode.of("weft.wait", p);
  }
}
