package dev.weft.n8n.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n Date &amp; Time to {@code weft.dateTime}.
 *
 * <ul>
 *   <li>v1 ({@code action: format|calculate}): Moment.js formats become Luxon formats, the result goes to
 *       {@code dataPropertyName} (default {@code data}) next to the item's fields; dates are read in
 *       {@code fromTimezone} and written in {@code toTimezone}. Unlike n8n (Moment.js), text that is neither ISO 8601
 *       nor in {@code fromFormat} is read in {@code fromTimezone} too, not in the server's zone. Calculate adds or subtracts
 *       {@code duration} {@code timeUnit}s and writes n8n's ISO instant.</li>
 *   <li>v2: the operations map one to one (current date, add, subtract, format, round, time between, extract).</li>
 * </ul>
 */
final class DateTimeMapper implements NodeMapper {

  @Override
  public List<String> n8nTypes() {
    return List.of("n8n-nodes-base.dateTime");
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    return ctx.version() < 2 ? version1(ctx) : version2(ctx);
  }

  private static MappedNode version1(MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    String action = ctx.string("action", "format");
    Object value = ctx.value("value", "");
    switch (action) {
      case "format" -> {
        p.put("operation", "formatDate");
        p.put("date", value);
        String moment = ctx.bool("custom", false) ? ctx.string("toFormat", "") : ctx.string("toFormat", "MM/DD/YYYY");
        try {
          p.put("format", "custom");
          p.put("customFormat", MomentFormat.toLuxon(moment));
        } catch (MomentFormat.UnsupportedToken e) {
          ctx.unsupported("toFormat", e.getMessage());
        }
      }
      case "calculate" -> {
        String operation = ctx.string("operation", "add");
        if (!operation.equals("add") && !operation.equals("subtract")) {
          ctx.unsupported("operation", "unknown calculation '" + operation + "'");
        }
        p.put("operation", operation.equals("subtract") ? "subtractFromDate" : "addToDate");
        p.put("date", value);
        p.put("timeUnit", ctx.string("timeUnit", "days"));
        p.put("duration", ctx.value("duration", 0));
      }
      default -> {
        return ctx.unsupportedNode("unknown Date & Time action '" + action + "'");
      }
    }
    p.put("outputField", ctx.value("dataPropertyName", "data"));
    String from = ctx.string("options.fromFormat", "");
    if (!from.isEmpty()) {
      try {
        p.put("fromFormat", MomentFormat.toLuxon(from));
      } catch (MomentFormat.UnsupportedToken e) {
        ctx.unsupported("options.fromFormat", e.getMessage());
      }
    }
    String fromZone = ctx.string("options.fromTimezone", "");
    String toZone = ctx.string("options.toTimezone", "");
    if (!fromZone.isEmpty() && !toZone.isEmpty() && !fromZone.equals(toZone)) {
      // read in one zone, write in the other
      p.put("timeZone", fromZone);
      p.put("outputTimeZone", toZone);
    } else {
      String zone = !toZone.isEmpty() ? toZone : fromZone;
      if (!zone.isEmpty()) {
        p.put("timeZone", zone);
      }
    }
    p.put("includeInputFields", true);
    return MappedNode.of("weft.dateTime", p);
  }

  private static MappedNode version2(MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    String operation = ctx.string("operation", "getCurrentDate");
    switch (operation) {
      case "getCurrentDate" -> {
        p.put("operation", "currentDate");
        p.put("includeTime", ctx.bool("includeTime", true));
        output(ctx, p, "currentDate");
      }
      case "addToDate", "subtractFromDate" -> {
        p.put("operation", operation);
        p.put("date", ctx.value("magnitude", ""));
        p.put("timeUnit", ctx.string("timeUnit", "days"));
        p.put("duration", ctx.value("duration", 0));
        output(ctx, p, "newDate");
      }
      case "formatDate" -> {
        p.put("operation", "formatDate");
        p.put("date", ctx.value("date", ""));
        String format = ctx.string("format", "MM/dd/yyyy");
        p.put("format", format);
        if (format.equals("custom")) {
          p.put("customFormat", ctx.value("customFormat", ""));
        }
        output(ctx, p, "formattedDate");
        if (ctx.has("options.fromFormat")) {
          p.put("fromFormat", ctx.value("options.fromFormat", ""));
        }
      }
      case "roundDate" -> {
        p.put("operation", "roundDate");
        p.put("date", ctx.value("date", ""));
        p.put("roundMode", ctx.string("mode", "roundDown"));
        p.put("toNearest", ctx.string(ctx.string("mode", "roundDown").equals("roundUp") ? "to" : "toNearest",
            "day"));
        output(ctx, p, "roundedDate");
      }
      case "getTimeBetweenDates" -> {
        p.put("operation", "getTimeBetweenDates");
        p.put("startDate", ctx.value("startDate", ""));
        p.put("endDate", ctx.value("endDate", ""));
        p.put("units", ctx.value("units", List.of("day")));
        p.put("outputAsIsoString", ctx.bool("options.isoString", false));
        output(ctx, p, "timeDifference");
      }
      case "extractDate" -> {
        p.put("operation", "extractDate");
        p.put("date", ctx.value("date", ""));
        p.put("part", ctx.string("part", "year"));
        output(ctx, p, "datePart");
      }
      default -> {
        return ctx.unsupportedNode("the Date & Time operation '" + operation + "' has no Weft equivalent");
      }
    }
    if (ctx.has("options.timezone")) {
      p.put("timeZone", ctx.value("options.timezone", ""));
    }
    p.put("includeInputFields", ctx.bool("options.includeInputFields", false));
    return MappedNode.of("weft.dateTime", p);
  }

  private static void output(MappingContext ctx, Map<String, Object> p, String fallback) {
    p.put("outputField", ctx.value("outputFieldName", fallback));
  }
}
