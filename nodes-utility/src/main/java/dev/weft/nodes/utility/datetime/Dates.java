package dev.weft.nodes.utility.datetime;

import dev.weft.spi.time.LuxonFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the date values workflows carry into {@link ZonedDateTime}s in a given zone. */
final class Dates {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
  /** Epoch values below this are seconds, above it milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
  private static final double SECONDS_LIMIT = 1e11;
  /** Everyday forms tried after ISO 8601 and RFC 2822, as a JavaScript Date would read them (US order first). */
  private static final List<String> FALLBACK_FORMATS = List.of("M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss",
      "M/d/yyyy h:mm a", "M/d/yyyy h:mm:ss a", "yyyy/M/d", "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "MMMM d, yyyy",
      "MMM d, yyyy", "MMMM d yyyy", "MMM d yyyy", "d MMMM yyyy", "d MMM yyyy", "yyyy-M-d", "yyyy-M-d H:mm:ss");

  private Dates() {}

  /**
   * A date from a date-time value, epoch seconds or milliseconds (number or digits), or text: in {@code fromFormat}
   * when given, otherwise ISO 8601, RFC 2822 or an everyday form such as {@code 08/01/2022}.
   *
   * @throws IllegalArgumentException saying what the value was and what is accepted
   */
  static ZonedDateTime read(Object value, String fromFormat, ZoneId zone, Clock clock) {
    if (value == null || value instanceof CharSequence cs && cs.toString().isBlank()) {
      throw new IllegalArgumentException("the date is empty");
    }
    if (value instanceof ZonedDateTime z) {
      return z.withZoneSameInstant(zone);
    }
    if (value instanceof OffsetDateTime o) {
      return o.atZoneSameInstant(zone);
    }
    if (value instanceof Instant instant) {
      return instant.atZone(zone);
    }
    if (value instanceof LocalDateTime local) {
      return local.atZone(zone);
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay(zone);
    }
    if (value instanceof java.util.Date date) {
      return date.toInstant().atZone(zone);
    }
    if (value instanceof Number n) {
      return epoch(n.doubleValue(), zone);
    }
    if (!(value instanceof CharSequence)) {
      throw new IllegalArgumentException("a " + dev.weft.spi.Json.typeOf(value) + " is not a date");
    }
    String text = value.toString().trim();
    if (fromFormat != null && !fromFormat.isEmpty()) {
      if ("X".equals(fromFormat) || "x".equals(fromFormat)) {
        if (!NUMBER.matcher(text).matches()) {
          throw new IllegalArgumentException("'" + text + "' is not an epoch value for format '" + fromFormat + "'");
        }
        double v = Double.parseDouble(text);
        return epoch(v, zone, "X".equals(fromFormat));
      }
      try {
        return LuxonFormat.of(fromFormat).parse(text, zone, clock, false);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' does not match the format '" + fromFormat + "': "
            + e.getMessage());
      }
    }
    if (NUMBER.matcher(text).matches()) {
      return epoch(Double.parseDouble(text), zone);
    }
    try {
      return LuxonFormat.parseLenient(text, zone).withZoneSameInstant(zone);
    } catch (DateTimeParseException notIso) {
      for (String format : FALLBACK_FORMATS) {
        try {
          return LuxonFormat.of(format).parse(text, zone, clock, false);
        } catch (DateTimeParseException | IllegalArgumentException next) {
          // try the next form
        }
      }
      throw new IllegalArgumentException("'" + text + "' is not a date: give ISO 8601 (2025-03-09T14:05:07+01:00), "
          + "RFC 2822, epoch seconds or milliseconds, a form such as 03/09/2025, or set 'fromFormat'");
    }
  }

  private static ZonedDateTime epoch(double value, ZoneId zone) {
    return epoch(value, zone, Math.abs(value) < SECONDS_LIMIT);
  }

  private static ZonedDateTime epoch(double value, ZoneId zone, boolean seconds) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(value + " is not a date");
    }
    long millis = seconds ? Math.round(value * 1000) : Math.round(value);
    return LuxonFormat.fromMillis(millis, zone);
  }
}
