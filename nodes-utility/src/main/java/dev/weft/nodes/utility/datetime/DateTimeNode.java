package dev.weft.nodes.utility.datetime;

import dev.weft.nodes.utility.io.NodeIo;
import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.Json;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.time.LuxonFormat;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Date &amp; Time ({@code weft.dateTime}): the current date, adding and subtracting, formatting with Luxon tokens,
 * rounding, extracting a part, the time between two dates and changing time zone. Dates are read from ISO 8601 and
 * RFC 2822 texts, epoch seconds or milliseconds, date-time values, or a Luxon format given in {@code fromFormat};
 * results are written as Luxon writes them ({@code 2025-03-09T14:05:07.045+01:00}).
 */
public final class DateTimeNode implements ItemNode {
  private static final Option[] UNITS = {
      Option.of("years", "Years"), Option.of("quarters", "Quarters"), Option.of("months", "Months"),
      Option.of("weeks", "Weeks"), Option.of("days", "Days"), Option.of("hours", "Hours"),
      Option.of("minutes", "Minutes"), Option.of("seconds", "Seconds"), Option.of("milliseconds", "Milliseconds")};

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.dateTime")
      .displayName("Date & Time")
      .group("transform")
      .description("Gets, shifts, formats, rounds and compares dates, and changes their time zone.")
      .icon("fa:clock")
      .parameters(
          ParameterSpec.options("operation",
              new Option("currentDate", "Get current date", "The date and time now."),
              new Option("addToDate", "Add to a date", ""),
              new Option("subtractFromDate", "Subtract from a date", ""),
              new Option("formatDate", "Format a date", "Write a date with a format."),
              new Option("roundDate", "Round a date", "Round down or up to a unit."),
              new Option("getTimeBetweenDates", "Get time between dates", "The duration from a start to an end date."),
              new Option("extractDate", "Extract part of a date", "The year, month, day, hour… of a date."),
              new Option("changeTimeZone", "Change time zone", "The same instant in another time zone."))
              .displayName("Operation"),
          ParameterSpec.bool("includeTime").displayName("Include Current Time").defaultValue(true)
              .displayWhen("operation", "currentDate").description("Otherwise the time is midnight."),
          ParameterSpec.string("date").displayName("Date").required()
              .displayWhen("operation", "addToDate", "subtractFromDate", "formatDate", "roundDate", "extractDate",
                  "changeTimeZone")
              .description("ISO 8601 or RFC 2822 text, epoch seconds or milliseconds, or text in the 'fromFormat' format."),
          ParameterSpec.options("timeUnit", UNITS).displayName("Time Unit").defaultValue("days")
              .displayWhen("operation", "addToDate", "subtractFromDate"),
          ParameterSpec.number("duration").displayName("Duration").defaultValue(0L)
              .displayWhen("operation", "addToDate", "subtractFromDate"),
          ParameterSpec.options("format",
                  new Option("custom", "Custom format", "Luxon tokens given in 'customFormat'."),
                  new Option("MM/dd/yyyy", "MM/dd/yyyy", "09/04/1986"),
                  new Option("yyyy/MM/dd", "yyyy/MM/dd", "1986/04/09"),
                  new Option("MMMM dd yyyy", "MMMM dd yyyy", "April 09 1986"),
                  new Option("MM-dd-yyyy", "MM-dd-yyyy", "09-04-1986"),
                  new Option("yyyy-MM-dd", "yyyy-MM-dd", "1986-04-09"),
                  new Option("iso", "ISO 8601", "1986-04-09T13:45:00.000+02:00"),
                  new Option("X", "Unix timestamp", "513863100"),
                  new Option("x", "Unix timestamp in milliseconds", "513863100000"))
              .displayName("Format").defaultValue("MM/dd/yyyy").displayWhen("operation", "formatDate"),
          ParameterSpec.string("customFormat").displayName("Custom Format").displayWhen("format", "custom")
              .placeholder("yyyy-MM-dd HH:mm").description("Luxon tokens; text in single quotes is copied."),
          ParameterSpec.options("roundMode", Option.of("roundDown", "Round down"), Option.of("roundUp", "Round up"))
              .displayName("Mode").displayWhen("operation", "roundDate"),
          ParameterSpec.options("toNearest", Option.of("year", "Year"), Option.of("quarter", "Quarter"),
                  Option.of("month", "Month"), Option.of("week", "Week"), Option.of("day", "Day"),
                  Option.of("hour", "Hour"), Option.of("minute", "Minute"), Option.of("second", "Second"))
              .displayName("To Nearest").defaultValue("day").displayWhen("operation", "roundDate"),
          ParameterSpec.string("startDate").displayName("Start Date").required().displayWhen("operation", "getTimeBetweenDates"),
          ParameterSpec.string("endDate").displayName("End Date").required().displayWhen("operation", "getTimeBetweenDates"),
          ParameterSpec.builder("units", dev.weft.spi.ParameterType.MULTI_OPTIONS)
              .options(Option.of("year", "Year"), Option.of("quarter", "Quarter"), Option.of("month", "Month"),
                  Option.of("week", "Week"), Option.of("day", "Day"), Option.of("hour", "Hour"),
                  Option.of("minute", "Minute"), Option.of("second", "Second"), Option.of("millisecond", "Millisecond"))
              .displayName("Units").defaultValue(List.of("day")).displayWhen("operation", "getTimeBetweenDates"),
          ParameterSpec.bool("outputAsIsoString").displayName("Output as ISO Duration").defaultValue(false)
              .displayWhen("operation", "getTimeBetweenDates").description("P2DT3H instead of {\"days\": 2, \"hours\": 3}."),
          ParameterSpec.options("part", Option.of("year", "Year"), Option.of("quarter", "Quarter"),
                  Option.of("month", "Month"), Option.of("week", "Week"), Option.of("day", "Day"),
                  Option.of("dayOfWeek", "Day of week (1 = Monday)"), Option.of("dayOfYear", "Day of year"),
                  Option.of("hour", "Hour"), Option.of("minute", "Minute"), Option.of("second", "Second"),
                  Option.of("millisecond", "Millisecond"))
              .displayName("Part").displayWhen("operation", "extractDate"),
          ParameterSpec.string("toTimeZone").displayName("To Time Zone").required().displayWhen("operation", "changeTimeZone")
              .placeholder("Europe/Berlin"),
          ParameterSpec.string("outputField").displayName("Output Field")
              .description("Where to write the result; empty for the operation's usual name (currentDate, newDate, "
                  + "formattedDate, roundedDate, timeDifference, datePart). Dots reach into nested objects."),
          ParameterSpec.string("fromFormat").displayName("From Format")
              .displayWhen("operation", "addToDate", "subtractFromDate", "formatDate", "roundDate", "extractDate",
                  "changeTimeZone", "getTimeBetweenDates")
              .description("Luxon format of the input dates, when they are not ISO 8601, RFC 2822 or epoch values."),
          ParameterSpec.string("timeZone").displayName("Time Zone")
              .description("Zone to read dates without offset in (and to write results in unless 'outputTimeZone' "
                  + "is set); empty for the workflow's."),
          ParameterSpec.string("outputTimeZone").displayName("Output Time Zone")
              .description("Zone the date is converted to before the operation and written in; empty for 'timeZone'."),
          ParameterSpec.bool("includeInputFields").displayName("Include Input Fields").defaultValue(false)
              .description("Keep the item's fields next to the result; otherwise the item holds only the result."))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Item process(Item item, int i, NodeContext context) throws Exception {
    String operation = context.string("operation", i);
    operation = operation == null ? "currentDate" : operation;
    ZoneId readZone = zone(context, i, "timeZone", context.timeZone());
    ZoneId zone = zone(context, i, "outputTimeZone", readZone);
    Object result;
    String defaultField;
    switch (operation) {
      case "currentDate" -> {
        ZonedDateTime now = ZonedDateTime.now(context.clock()).withZoneSameInstant(zone);
        if (context.parameter("includeTime", i, Boolean.class) == Boolean.FALSE) {
          now = now.truncatedTo(ChronoUnit.DAYS);
        }
        result = LuxonFormat.toIso(now);
        defaultField = "currentDate";
      }
      case "addToDate", "subtractFromDate" -> {
        ZonedDateTime date = date(context, i, "date", zone);
        Number duration = context.parameter("duration", i, Number.class);
        if (duration == null) {
          throw NodeException.parameter("duration", i, "parameter 'duration' is empty: give the amount to "
              + ("addToDate".equals(operation) ? "add" : "subtract"));
        }
        double amount = "addToDate".equals(operation) ? duration.doubleValue() : -duration.doubleValue();
        result = LuxonFormat.toIso(Durations.plus(date, context.string("timeUnit", i), amount, i));
        defaultField = "newDate";
      }
      case "formatDate" -> {
        ZonedDateTime date = date(context, i, "date", zone);
        String format = context.string("format", i);
        if ("custom".equals(format)) {
          format = context.string("customFormat", i);
          if (format == null || format.isEmpty()) {
            throw NodeException.parameter("customFormat", i, "parameter 'customFormat' is empty: give Luxon tokens such as yyyy-MM-dd");
          }
        }
        result = format == null || "iso".equals(format) ? LuxonFormat.toIso(date) : LuxonFormat.format(date, format);
        defaultField = "formattedDate";
      }
      case "roundDate" -> {
        ZonedDateTime date = date(context, i, "date", zone);
        String unit = context.string("toNearest", i);
        ZonedDateTime rounded = Durations.startOf(date, unit == null ? "day" : unit, i);
        if ("roundUp".equals(context.string("roundMode", i))) {
          rounded = Durations.startOf(Durations.plus(date, plural(unit == null ? "day" : unit), 1, i),
              unit == null ? "day" : unit, i);
        }
        result = LuxonFormat.toIso(rounded);
        defaultField = "roundedDate";
      }
      case "getTimeBetweenDates" -> {
        ZonedDateTime start = date(context, i, "startDate", zone);
        ZonedDateTime end = date(context, i, "endDate", zone);
        List<String> units = units(context, i);
        Map<String, Number> diff = Durations.between(start, end, units);
        result = context.bool("outputAsIsoString", i) ? Durations.toIso(diff) : new LinkedHashMap<String, Object>(diff);
        defaultField = "timeDifference";
      }
      case "extractDate" -> {
        ZonedDateTime date = date(context, i, "date", zone);
        String part = context.string("part", i);
        result = switch (part == null ? "year" : part) {
          case "year" -> (long) date.getYear();
          case "quarter" -> (long) date.get(IsoFields.QUARTER_OF_YEAR);
          case "month" -> (long) date.getMonthValue();
          case "week" -> (long) date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
          case "day" -> (long) date.getDayOfMonth();
          case "dayOfWeek" -> (long) date.getDayOfWeek().getValue();
          case "dayOfYear" -> (long) date.getDayOfYear();
          case "hour" -> (long) date.getHour();
          case "minute" -> (long) date.getMinute();
          case "second" -> (long) date.getSecond();
          case "millisecond" -> (long) (date.getNano() / 1_000_000);
          default -> throw NodeException.parameter("part", i, "'" + part + "' is not a part of a date; use year, "
              + "quarter, month, week, day, dayOfWeek, dayOfYear, hour, minute, second or millisecond");
        };
        defaultField = "datePart";
      }
      case "changeTimeZone" -> {
        ZonedDateTime date = date(context, i, "date", zone);
        String target = context.string("toTimeZone", i);
        if (target == null || target.isBlank()) {
          throw NodeException.parameter("toTimeZone", i, "parameter 'toTimeZone' is empty: name a zone such as Europe/Berlin");
        }
        ZoneId to;
        try {
          to = LuxonFormat.zone(target);
        } catch (IllegalArgumentException e) {
          throw NodeException.parameter("toTimeZone", i, e.getMessage());
        }
        result = LuxonFormat.toIso(date.withZoneSameInstant(to));
        defaultField = "newDate";
      }
      default -> throw NodeException.parameter("operation", i, "'" + operation + "' is not an operation of Date & Time");
    }
    String field = context.string("outputField", i);
    if (field == null || field.isBlank()) {
      field = defaultField;
    }
    Map<String, Object> json = context.bool("includeInputFields", i) ? NodeIo.copy(item) : new LinkedHashMap<>();
    Json.set(json, field, result);
    return item.withJson(json);
  }

  private static String plural(String unit) {
    return unit.endsWith("s") ? unit : unit + "s";
  }

  private static List<String> units(NodeContext context, int i) throws NodeException {
    Object raw = context.parameter("units", i);
    List<String> units = new ArrayList<>();
    if (raw instanceof List<?> list) {
      for (Object o : list) {
        units.add(String.valueOf(o));
      }
    } else if (raw != null && !raw.toString().isBlank()) {
      for (String s : raw.toString().split(",")) {
        units.add(s.trim());
      }
    }
    if (units.isEmpty()) {
      throw NodeException.parameter("units", i, "parameter 'units' is empty: choose at least one unit such as day");
    }
    for (String u : units) {
      if (!Durations.UNIT_ORDER.contains(u.toLowerCase(Locale.ROOT).replaceAll("s$", ""))) {
        throw NodeException.parameter("units", i, "'" + u + "' is not a unit; use year, quarter, month, week, day, "
            + "hour, minute, second or millisecond");
      }
    }
    return units;
  }

  private static ZoneId zone(NodeContext context, int i, String param, ZoneId fallback) throws NodeException {
    String name = context.string(param, i);
    if (name == null || name.isBlank()) {
      return fallback;
    }
    try {
      return LuxonFormat.zone(name);
    } catch (IllegalArgumentException e) {
      throw NodeException.parameter(param, i, e.getMessage());
    }
  }

  /** A date parameter read in the reading zone and expressed in {@code zone} (the output zone). */
  private static ZonedDateTime date(NodeContext context, int i, String param, ZoneId zone) throws NodeException {
    Object value = context.parameter(param, i);
    String fromFormat = context.string("fromFormat", i);
    ZoneId readZone = zone(context, i, "timeZone", context.timeZone());
    try {
      return Dates.read(value, fromFormat, readZone, context.clock()).withZoneSameInstant(zone);
    } catch (IllegalArgumentException e) {
      throw NodeException.parameter(param, i, e.getMessage());
    }
  }
}
