package dev.weft.expression;

import com.dashjoin.jsonata.Jsonata;
import dev.weft.spi.time.LuxonFormat;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The date helpers. Dates travel through expressions as Luxon ISO strings ({@code 2025-03-09T14:05:07.045+01:00});
 * inputs may also be any text {@link LuxonFormat#parseLenient} reads, or epoch milliseconds. Calendar arithmetic
 * happens in the date's zone: the workflow zone when the date's offset matches it, else the date's fixed offset.
 */
final class DateFunctions {
  private DateFunctions() {}

  /** Luxon's units, with the length Luxon's "casual" conversions give them (used for fractions). */
  enum Unit {
    YEARS(ChronoUnit.YEARS, 365L * 86_400_000L),
    QUARTERS(null, 91L * 86_400_000L),
    MONTHS(ChronoUnit.MONTHS, 30L * 86_400_000L),
    WEEKS(ChronoUnit.WEEKS, 7L * 86_400_000L),
    DAYS(ChronoUnit.DAYS, 86_400_000L),
    HOURS(ChronoUnit.HOURS, 3_600_000L),
    MINUTES(ChronoUnit.MINUTES, 60_000L),
    SECONDS(ChronoUnit.SECONDS, 1_000L),
    MILLISECONDS(ChronoUnit.MILLIS, 1L);

    final ChronoUnit chrono;
    final long casualMillis;

    Unit(ChronoUnit chrono, long casualMillis) {
      this.chrono = chrono;
      this.casualMillis = casualMillis;
    }

    boolean calendar() {
      return ordinal() <= DAYS.ordinal();
    }
  }

  static Unit unit(Object value, String function) {
    if (value instanceof String s) {
      String u = s.trim().toLowerCase(Locale.ROOT);
      if (u.endsWith("s")) {
        u = u.substring(0, u.length() - 1);
      }
      switch (u) {
        case "year": return Unit.YEARS;
        case "quarter": return Unit.QUARTERS;
        case "month": return Unit.MONTHS;
        case "week": return Unit.WEEKS;
        case "day": return Unit.DAYS;
        case "hour": return Unit.HOURS;
        case "minute": return Unit.MINUTES;
        case "second": return Unit.SECONDS;
        case "millisecond": return Unit.MILLISECONDS;
        default: break;
      }
    }
    throw new Library.FunctionError(function + "() does not know the unit " + quoted(value)
        + "; use years, quarters, months, weeks, days, hours, minutes, seconds or milliseconds");
  }

  private static String quoted(Object value) {
    return value instanceof String s ? "'" + s + "'" : Values.describe(value);
  }

  static ZoneId zone(Object value, ExpressionScope scope, String function) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return scope.zone();
    }
    if (!(value instanceof String s)) {
      throw new Library.FunctionError(function + "() expects a time zone name, got " + Values.describe(value));
    }
    try {
      return LuxonFormat.zone(s);
    } catch (IllegalArgumentException e) {
      throw new Library.FunctionError(function + "(): " + e.getMessage());
    }
  }

  /** A date argument: an ISO (or other lenient) text, or epoch milliseconds. */
  static ZonedDateTime date(Object value, ExpressionScope scope, String function) {
    if (value instanceof Number n) {
      return LuxonFormat.fromMillis(n.longValue(), scope.zone());
    }
    if (value instanceof String s) {
      try {
        return LuxonFormat.parseLenient(s, scope.zone());
      } catch (DateTimeParseException e) {
        throw new Library.FunctionError(function + "(): " + e.getMessage());
      }
    }
    throw new Library.FunctionError(function + "() expects a date (ISO text or epoch milliseconds) as argument 1, got "
        + Values.describe(value));
  }

  static String parse(ExpressionScope scope, Object text, Object format, Object zoneName) {
    ZoneId zone = zone(zoneName, scope, "$dateParse");
    if (text instanceof Number n) {
      return LuxonFormat.toIso(LuxonFormat.fromMillis(n.longValue(), zone));
    }
    if (!(text instanceof String s)) {
      throw new Library.FunctionError("$dateParse() expects a text as argument 1, got " + Values.describe(text));
    }
    try {
      if (format == null || format == Jsonata.NULL_VALUE) {
        return LuxonFormat.toIso(LuxonFormat.parseLenient(s, zone).withZoneSameInstant(zone));
      }
      if (!(format instanceof String f)) {
        throw new Library.FunctionError("$dateParse() expects a Luxon format as argument 2, got "
            + Values.describe(format));
      }
      return LuxonFormat.toIso(LuxonFormat.of(f).parse(s, zone, scope.clock(), false));
    } catch (DateTimeParseException e) {
      throw new Library.FunctionError("$dateParse(): " + e.getMessage());
    }
  }

  static String format(ExpressionScope scope, Object date, Object format, Object zoneName) {
    ZonedDateTime dt = date(date, scope, "$dateFormat");
    if (!(format instanceof String f)) {
      throw new Library.FunctionError("$dateFormat() expects a Luxon format such as 'yyyy-MM-dd' as argument 2, got "
          + Values.describe(format));
    }
    if (zoneName != null && zoneName != Jsonata.NULL_VALUE) {
      dt = dt.withZoneSameInstant(zone(zoneName, scope, "$dateFormat"));
    }
    return LuxonFormat.format(dt, f);
  }

  static String plus(ExpressionScope scope, String function, Object date, Object amount, Object unitName, int sign) {
    ZonedDateTime dt = date(date, scope, function);
    if (!(amount instanceof Number n)) {
      throw new Library.FunctionError(function + "() expects a number as argument 2, got " + Values.describe(amount));
    }
    Unit unit = unit(unitName, function);
    return LuxonFormat.toIso(add(dt, sign * n.doubleValue(), unit));
  }

  private static ZonedDateTime add(ZonedDateTime dt, double amount, Unit unit) {
    if (!unit.calendar()) {
      return dt.plus(Duration.ofMillis(Math.round(amount * unit.casualMillis)));
    }
    long whole = (long) amount;
    double fraction = amount - whole;
    ZonedDateTime out = switch (unit) {
      case YEARS -> dt.plusYears(whole);
      case QUARTERS -> dt.plusMonths(whole * 3);
      case MONTHS -> dt.plusMonths(whole);
      case WEEKS -> dt.plusWeeks(whole);
      default -> dt.plusDays(whole);
    };
    if (fraction != 0) {
      out = out.plus(Duration.ofMillis(Math.round(fraction * unit.casualMillis)));
    }
    return out;
  }

  /** Luxon {@code a.diff(b, unit)}: how much later {@code a} is than {@code b}, possibly fractional or negative. */
  static Object diff(ExpressionScope scope, Object a, Object b, Object unitName) {
    ZonedDateTime later = date(a, scope, "$dateDiff");
    ZonedDateTime earlier = date(b, scope, "$dateDiff");
    Unit unit = unit(unitName, "$dateDiff");
    if (later.isBefore(earlier)) {
      return Values.toJsonata(-diff(earlier, later, unit));
    }
    return Values.toJsonata(diff(later, earlier, unit));
  }

  private static double diff(ZonedDateTime later, ZonedDateTime earlier, Unit unit) {
    long millis = later.toInstant().toEpochMilli() - earlier.toInstant().toEpochMilli();
    if (!unit.calendar()) {
      return (double) millis / unit.casualMillis;
    }
    ZonedDateTime start = earlier.withZoneSameInstant(later.getZone());
    long whole;
    ZonedDateTime cursor;
    if (unit == Unit.QUARTERS) {
      whole = ChronoUnit.MONTHS.between(start, later) / 3;
      cursor = start.plusMonths(whole * 3);
    } else {
      whole = unit.chrono.between(start, later);
      cursor = start.plus(whole, unit.chrono);
    }
    long rest = later.toInstant().toEpochMilli() - cursor.toInstant().toEpochMilli();
    return whole + (double) rest / unit.casualMillis;
  }

  static String startOf(ExpressionScope scope, Object date, Object unitName) {
    return LuxonFormat.toIso(startOf(date(date, scope, "$dateStartOf"), unit(unitName, "$dateStartOf")));
  }

  private static ZonedDateTime startOf(ZonedDateTime dt, Unit unit) {
    ZoneId zone = dt.getZone();
    return switch (unit) {
      case YEARS -> dt.toLocalDate().withDayOfYear(1).atStartOfDay(zone);
      case QUARTERS -> dt.toLocalDate().withDayOfMonth(1).withMonth((dt.getMonthValue() - 1) / 3 * 3 + 1)
          .atStartOfDay(zone);
      case MONTHS -> dt.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
      case WEEKS -> dt.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
      case DAYS -> dt.toLocalDate().atStartOfDay(zone);
      case HOURS -> dt.truncatedTo(ChronoUnit.HOURS);
      case MINUTES -> dt.truncatedTo(ChronoUnit.MINUTES);
      case SECONDS -> dt.truncatedTo(ChronoUnit.SECONDS);
      case MILLISECONDS -> dt.truncatedTo(ChronoUnit.MILLIS);
    };
  }

  static String endOf(ExpressionScope scope, Object date, Object unitName) {
    ZonedDateTime dt = date(date, scope, "$dateEndOf");
    Unit unit = unit(unitName, "$dateEndOf");
    return LuxonFormat.toIso(startOf(add(dt, 1, unit), unit).minus(Duration.ofMillis(1)));
  }

  static long toMillis(ExpressionScope scope, Object date) {
    return date(date, scope, "$dateToMillis").toInstant().toEpochMilli();
  }

  static String fromMillis(ExpressionScope scope, Object millis, Object zoneName) {
    if (!(millis instanceof Number n)) {
      throw new Library.FunctionError("$dateFromMillis() expects epoch milliseconds as argument 1, got "
          + Values.describe(millis));
    }
    return LuxonFormat.toIso(LuxonFormat.fromMillis(n.longValue(), zone(zoneName, scope, "$dateFromMillis")));
  }

  static String setZone(ExpressionScope scope, Object date, Object zoneName) {
    ZonedDateTime dt = date(date, scope, "$dateSetZone");
    if (zoneName == null || zoneName == Jsonata.NULL_VALUE) {
      throw new Library.FunctionError("$dateSetZone() expects a time zone name as argument 2, got "
          + Values.describe(zoneName));
    }
    return LuxonFormat.toIso(dt.withZoneSameInstant(zone(zoneName, scope, "$dateSetZone")));
  }
}
