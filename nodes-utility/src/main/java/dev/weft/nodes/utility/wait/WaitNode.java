package dev.weft.nodes.utility.wait;

import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Resumption;
import dev.weft.spi.Suspension;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wait ({@code weft.wait}): pauses the execution for a time interval, until a date and time, or until it is resumed by
 * an outside call (optionally with a time limit). The execution is suspended, not a thread: the engine stores it and
 * runs this node again when it resumes. Then the node outputs its input items; resumed by a call, each item also gets
 * the call's payload merged into its JSON.
 */
public final class WaitNode implements Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.wait")
      .displayName("Wait")
      .group("flow")
      .description("Pauses the execution for a while, until a time, or until it is resumed from outside.")
      .icon("fa:pause-circle")
      .parameters(
          ParameterSpec.options("resume",
                  new Option("timeInterval", "After a time interval", "Resume after a number of seconds, minutes, hours or days."),
                  new Option("specificTime", "At a specified time", "Resume at a date and time."),
                  new Option("call", "On an outside call", "Resume when the host (or a webhook) resumes the execution."))
              .displayName("Resume"),
          ParameterSpec.number("amount").displayName("Amount").defaultValue(1L).displayWhen("resume", "timeInterval")
              .description("How long to wait, in the unit below; decimals are allowed."),
          unit("unit").displayWhen("resume", "timeInterval"),
          ParameterSpec.string("dateTime").displayName("Date and Time").displayWhen("resume", "specificTime")
              .placeholder("2025-01-31T09:00:00+01:00")
              .description("ISO 8601 date-time; without an offset it is read in the workflow's time zone. "
                  + "A time in the past continues at once."),
          ParameterSpec.bool("limitWaitTime").displayName("Limit Wait Time").defaultValue(false)
              .displayWhen("resume", "call")
              .description("Resume by itself when no call came in time."),
          ParameterSpec.options("limitType",
                  new Option("afterTimeInterval", "After a time interval", ""),
                  new Option("atSpecifiedTime", "At a specified time", ""))
              .displayName("Limit Type").displayWhen("limitWaitTime", true),
          ParameterSpec.number("limitAmount").displayName("Limit Amount").defaultValue(1L)
              .displayWhen("limitType", "afterTimeInterval"),
          unit("limitUnit").defaultValue("hours").displayWhen("limitType", "afterTimeInterval"),
          ParameterSpec.string("maxDateTime").displayName("Max Date and Time").displayWhen("limitType", "atSpecifiedTime")
              .description("ISO 8601 date-time after which the node resumes by itself."))
      .build();

  private static ParameterSpec.Builder unit(String name) {
    return ParameterSpec.options(name, Option.of("seconds", "Seconds"), Option.of("minutes", "Minutes"),
        Option.of("hours", "Hours"), Option.of("days", "Days")).displayName("Unit");
  }

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    Optional<Resumption> resumption = context.resumption();
    if (resumption.isPresent()) {
      return resumed(items, resumption.get());
    }
    String resume = context.string("resume", 0);
    Instant now = context.clock().instant();
    switch (resume == null ? "timeInterval" : resume) {
      case "timeInterval" -> {
        return NodeOutput.suspend(Suspension.until(now.plusMillis(millis(context, "amount", "unit"))));
      }
      case "specificTime" -> {
        Instant at = instant(context, "dateTime");
        if (!at.isAfter(now)) {
          return passThrough(items);
        }
        return NodeOutput.suspend(Suspension.until(at));
      }
      case "call" -> {
        Instant timeout = null;
        if (context.bool("limitWaitTime", 0)) {
          String limitType = context.string("limitType", 0);
          timeout = "atSpecifiedTime".equals(limitType)
              ? instant(context, "maxDateTime")
              : now.plusMillis(millis(context, "limitAmount", "limitUnit"));
        }
        return NodeOutput.suspend(Suspension.untilResumed(timeout));
      }
      default -> throw NodeException.parameter("resume", 0,
          "'" + resume + "' is not a way to resume; use timeInterval, specificTime or call");
    }
  }

  private static NodeOutput resumed(List<Item> items, Resumption resumption) {
    if (!resumption.byCall() || resumption.payload().isEmpty()) {
      return passThrough(items);
    }
    List<Item> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Map<String, Object> json = Json.copy(items.get(i).json());
      json.putAll(Json.copy(resumption.payload()));
      out.add(items.get(i).withJson(json).pairedWith(i));
    }
    return NodeOutput.of(out);
  }

  private static NodeOutput passThrough(List<Item> items) {
    List<Item> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(items.get(i).pairedWith(i));
    }
    return NodeOutput.of(out);
  }

  private static long millis(NodeContext context, String amountParam, String unitParam) throws NodeException {
    Number amount = context.parameter(amountParam, 0, Number.class);
    if (amount == null || !(amount.doubleValue() >= 0) || Double.isInfinite(amount.doubleValue())) {
      throw NodeException.parameter(amountParam, 0, "the wait amount must be a number of 0 or more, was " + amount);
    }
    String unit = context.string(unitParam, 0);
    long unitMillis = switch (unit == null ? "hours" : unit) {
      case "seconds" -> 1_000L;
      case "minutes" -> 60_000L;
      case "hours" -> 3_600_000L;
      case "days" -> 86_400_000L;
      default -> throw NodeException.parameter(unitParam, 0,
          "'" + unit + "' is not a time unit; use seconds, minutes, hours or days");
    };
    return Math.round(amount.doubleValue() * unitMillis);
  }

  private static Instant instant(NodeContext context, String param) throws NodeException {
    Object value = context.parameter(param, 0);
    if (value instanceof Number n) {
      return Instant.ofEpochMilli(n.longValue());
    }
    String text = value == null ? "" : value.toString().trim();
    if (text.isEmpty()) {
      throw NodeException.parameter(param, 0, "parameter '" + param + "' is empty: give an ISO 8601 date-time");
    }
    ZoneId zone = context.timeZone();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return ZonedDateTime.parse(text).toInstant();
      } catch (DateTimeParseException notZoned) {
        try {
          return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocal) {
          try {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
          } catch (DateTimeParseException notDate) {
            throw NodeException.parameter(param, 0, "'" + text + "' is not an ISO 8601 date-time such as 2025-01-31T09:00:00+01:00");
          }
        }
      }
    }
  }
}
