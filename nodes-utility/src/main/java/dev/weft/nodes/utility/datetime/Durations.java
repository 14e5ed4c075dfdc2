package dev.weft.nodes.utility.datetime;

import dev.weft.spi.NodeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Calendar arithmetic as Luxon does it: adding units, start of a unit, and differences in chosen units. */
final class Durations {
  static final List<String> UNIT_ORDER = List.of("year", "quarter", "month", "week", "day", "hour", "minute",
      "second", "millisecond");
  private static final long[] NOMINAL_MILLIS = {365L * 86_400_000, 91L * 86_400_000, 30L * 86_400_000,
      7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};

  private Durations() {}

  static String singular(String unit) {
    String u = unit == null ? "day" : unit.trim().toLowerCase(Locale.ROOT);
    return u.endsWith("s") ? u.substring(0, u.length() - 1) : u;
  }

  private static int index(String unit, int itemIndex, String parameter) throws NodeException {
    int index = UNIT_ORDER.indexOf(singular(unit));
    if (index < 0) {
      throw NodeException.parameter(parameter, itemIndex, "'" + unit + "' is not a time unit; use years, quarters, "
          + "months, weeks, days, hours, minutes, seconds or milliseconds");
    }
    return index;
  }

  /** {@code date} plus {@code amount} units; a fraction of a calendar unit is added at the unit's nominal length. */
  static ZonedDateTime plus(ZonedDateTime date, String unit, double amount, int itemIndex) throws NodeException {
    int index = index(unit, itemIndex, "timeUnit");
    long whole = (long) amount;
    double fraction = amount - whole;
    ZonedDateTime result = switch (UNIT_ORDER.get(index)) {
      case "year" -> date.plusYears(whole);
      case "quarter" -> date.plusMonths(3 * whole);
      case "month" -> date.plusMonths(whole);
      case "week" -> date.plusWeeks(whole);
      case "day" -> date.plusDays(whole);
      case "hour" -> date.plusHours(whole);
      case "minute" -> date.plusMinutes(whole);
      case "second" -> date.plusSeconds(whole);
      default -> date.plus(whole, ChronoUnit.MILLIS);
    };
    long extra = Math.round(fraction * NOMINAL_MILLIS[index]);
    return extra == 0 ? result : result.plus(extra, ChronoUnit.MILLIS);
  }

  /** The start of the unit {@code date} is in (weeks start on Monday, as ISO weeks do). */
  static ZonedDateTime startOf(ZonedDateTime date, String unit, int itemIndex) throws NodeException {
    int index = index(unit, itemIndex, "toNearest");
    ZonedDateTime day = date.truncatedTo(ChronoUnit.DAYS);
    return switch (UNIT_ORDER.get(index)) {
      case "year" -> day.withDayOfYear(1);
      case "quarter" -> day.withDayOfMonth(1).withMonth(((date.getMonthValue() - 1) / 3) * 3 + 1);
      case "month" -> day.withDayOfMonth(1);
      case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "day" -> day;
      case "hour" -> date.truncatedTo(ChronoUnit.HOURS);
      case "minute" -> date.truncatedTo(ChronoUnit.MINUTES);
      case "second" -> date.truncatedTo(ChronoUnit.SECONDS);
      default -> date.truncatedTo(ChronoUnit.MILLIS);
    };
  }

  /**
   * The time from {@code start} to {@code end} in the given units, largest first, as Luxon's {@code diff}: whole
   * calendar units, the rest in the smaller units, the remainder as a fraction of the smallest unit. Keys are plural
   * ({@code days}); values are {@code Long} when whole, else {@code Double}.
   */
  static Map<String, Number> between(ZonedDateTime start, ZonedDateTime end, List<String> units) {
    List<Integer> indexes = new ArrayList<>();
    for (String u : units) {
      int index = UNIT_ORDER.indexOf(singular(u));
      if (index >= 0 && !indexes.contains(index)) {
        indexes.add(index);
      }
    }
    indexes.sort(Integer::compare);
    boolean negative = end.isBefore(start);
    ZonedDateTime from = negative ? end : start;
    ZonedDateTime to = negative ? start : end;
    Map<String, Number> result = new LinkedHashMap<>();
    ZonedDateTime cursor = from;
    double remainderMillis = 0;
    boolean remainderKnown = false;
    for (int k = 0; k < indexes.size(); k++) {
      int index = indexes.get(k);
      String unit = UNIT_ORDER.get(index);
      boolean last = k == indexes.size() - 1;
      double value;
      if (index <= 4) {
        long whole = calendarBetween(unit, cursor, to);
        ZonedDateTime next = calendarPlus(unit, cursor, whole);
        value = whole;
        if (last) {
          ZonedDateTime after = calendarPlus(unit, next, 1);
          long left = Duration.between(next, to).toMillis();
          long span = Duration.between(next, after).toMillis();
          value += span == 0 ? 0 : (double) left / span;
        }
        cursor = next;
      } else {
        if (!remainderKnown) {
          remainderMillis = Duration.between(cursor, to).toMillis();
          remainderKnown = true;
        }
        double unitMillis = NOMINAL_MILLIS[index];
        value = last ? remainderMillis / unitMillis : Math.floor(remainderMillis / unitMillis);
        remainderMillis -= value * unitMillis;
      }
      double signed = negative && value != 0 ? -value : value;
      result.put(unit + "s", signed == Math.rint(signed) && Math.abs(signed) < 9e15 ? (Number) (long) signed : signed);
    }
    return result;
  }

  private static long calendarBetween(String unit, ZonedDateTime from, ZonedDateTime to) {
    return switch (unit) {
      case "year" -> ChronoUnit.YEARS.between(from, to);
      case "quarter" -> ChronoUnit.MONTHS.between(from, to) / 3;
      case "month" -> ChronoUnit.MONTHS.between(from, to);
      case "week" -> ChronoUnit.WEEKS.between(from, to);
      default -> ChronoUnit.DAYS.between(from, to);
    };
  }

  private static ZonedDateTime calendarPlus(String unit, ZonedDateTime date, long n) {
    return switch (unit) {
      case "year" -> date.plusYears(n);
      case "quarter" -> date.plusMonths(3 * n);
      case "month" -> date.plusMonths(n);
      case "week" -> date.plusWeeks(n);
      default -> date.plusDays(n);
    };
  }

  /** An ISO 8601 duration as Luxon writes it: {@code P1Y2M3W4DT5H6M7.5S}, {@code PT0S} when empty. */
  static String toIso(Map<String, Number> diff) {
    StringBuilder date = new StringBuilder("P");
    StringBuilder time = new StringBuilder();
    double months = num(diff, "months") + 3 * num(diff, "quarters");
    append(date, num(diff, "years"), "Y");
    append(date, months, "M");
    append(date, num(diff, "weeks"), "W");
    append(date, num(diff, "days"), "D");
    append(time, num(diff, "hours"), "H");
    append(time, num(diff, "minutes"), "M");
    append(time, num(diff, "seconds") + num(diff, "milliseconds") / 1000.0, "S");
    if (time.length() > 0) {
      date.append('T').append(time);
    }
    return date.length() == 1 ? "PT0S" : date.toString();
  }

  private static double num(Map<String, Number> diff, String key) {
    Number n = diff.get(key);
    return n == null ? 0 : n.doubleValue();
  }

  private static void append(StringBuilder sb, double value, String designator) {
    if (value == 0) {
      return;
    }
    if (value == Math.rint(value)) {
      sb.append((long) value);
    } else {
      sb.append(new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString());
    }
    sb.append(designator);
  }
}
