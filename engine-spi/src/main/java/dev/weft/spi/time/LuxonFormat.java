package dev.weft.spi.time;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date formats written with <a href="https://moment.github.io/luxon/#/formatting?id=table-of-tokens">Luxon's
 * tokens</a> (the ones n8n users know: {@code yyyy-MM-dd HH:mm}, {@code dd LLL yyyy}, {@code EEEE},
 * {@code kkkk-'W'WW}…), applied to {@code java.time} values, plus Luxon's ISO output and lenient parsing of the
 * usual date texts.
 *
 * <p>A format is a sequence of tokens: a run of the same letter is one token ({@code yyyy}, {@code MM}), text in
 * single quotes is copied literally ({@code 'T'}, {@code 'at'}), any other character is copied as is. Supported
 * tokens, with what they print for 2025-03-09 14:05:07.045 in Europe/Berlin:
 * <table>
 *   <caption>Tokens</caption>
 *   <tr><td>{@code S} / {@code SSS} / {@code u}</td><td>millisecond: 45 / 045 / 045; {@code uu} 04, {@code uuu} 0</td></tr>
 *   <tr><td>{@code s} {@code ss} {@code m} {@code mm}</td><td>seconds and minutes, unpadded / padded: 7 07 5 05</td></tr>
 *   <tr><td>{@code H} {@code HH} {@code h} {@code hh} {@code a}</td><td>14 14 2 02 PM</td></tr>
 *   <tr><td>{@code d} {@code dd} {@code o} {@code ooo}</td><td>day of month 9 09, day of year 68 068</td></tr>
 *   <tr><td>{@code E} {@code EEE} {@code EEEE} {@code EEEEE} (and {@code c…})</td><td>7 Sun Sunday S</td></tr>
 *   <tr><td>{@code M} {@code MM} {@code MMM} {@code MMMM} {@code MMMMM} (and {@code L…})</td><td>3 03 Mar March M</td></tr>
 *   <tr><td>{@code y} {@code yy} {@code yyyy} {@code yyyyyy}</td><td>2025 25 2025 002025</td></tr>
 *   <tr><td>{@code kk} {@code kkkk} {@code W} {@code WW}</td><td>ISO week year 25 2025, ISO week 10 10</td></tr>
 *   <tr><td>{@code q} {@code qq}</td><td>quarter 1 01</td></tr>
 *   <tr><td>{@code G} {@code GG} {@code GGGGG}</td><td>AD Anno Domini A</td></tr>
 *   <tr><td>{@code Z} {@code ZZ} {@code ZZZ}</td><td>offset +1 +01:00 +0100 (UTC: +0 +00:00 +0000)</td></tr>
 *   <tr><td>{@code ZZZZ} {@code ZZZZZ} {@code z}</td><td>CET, Central European Standard Time, Europe/Berlin</td></tr>
 *   <tr><td>{@code X} {@code x}</td><td>epoch seconds, epoch milliseconds</td></tr>
 *   <tr><td>{@code D DD DDD DDDD}</td><td>3/9/2025, Mar 9, 2025, March 9, 2025, Sunday, March 9, 2025</td></tr>
 *   <tr><td>{@code t tt T TT}</td><td>2:05 PM, 2:05:07 PM, 14:05, 14:05:07</td></tr>
 *   <tr><td>{@code f ff F FF}</td><td>3/9/2025, 2:05 PM / Mar 9, 2025, 2:05 PM / … with seconds</td></tr>
 * </table>
 * Names are English (Luxon's {@code en-US} default). An unknown token is copied as is, as Luxon does.
 *
 * <p>Parsing accepts the same tokens except the macros ({@code D}, {@code t}, {@code f}…). Fields the text does not
 * give are filled as Luxon fills them: units larger than the largest given one come from "now", smaller ones start
 * at their minimum ({@code "14:30"} with {@code HH:mm} is today at 14:30; {@code "2025"} with {@code yyyy} is
 * 2025-01-01T00:00). A text with an offset ({@code Z}, {@code ZZ}, {@code ZZZ}) or zone name ({@code z}) fixes the
 * instant; the result is then expressed in the zone asked for.
 *
 * <p>Instances are immutable and thread-safe; {@link #of(String)} caches them.
 */
public final class LuxonFormat {
  private static final Map<String, LuxonFormat> CACHE = new ConcurrentHashMap<>();
  private static final int CACHE_LIMIT = 2048;
  private static final Locale EN = Locale.US;

  private final String pattern;
  private final List<Token> tokens;
  private volatile Parser parser;

  private LuxonFormat(String pattern) {
    this.pattern = pattern;
    this.tokens = tokenize(pattern);
  }

  /** The format for a Luxon pattern. Never fails: unknown tokens print as literal text. */
  public static LuxonFormat of(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    LuxonFormat cached = CACHE.get(pattern);
    if (cached != null) {
      return cached;
    }
    LuxonFormat created = new LuxonFormat(pattern);
    if (CACHE.size() < CACHE_LIMIT) {
      CACHE.putIfAbsent(pattern, created);
    }
    return created;
  }

  /** The Luxon pattern this format was made from. */
  public String pattern() {
    return pattern;
  }

  /** Shorthand for {@code LuxonFormat.of(pattern).format(dateTime)}. */
  public static String format(ZonedDateTime dateTime, String pattern) {
    return of(pattern).format(dateTime);
  }

  /** Shorthand for {@code LuxonFormat.of(pattern).parse(text, zone)}. */
  public static ZonedDateTime parse(String text, String pattern, ZoneId zone) {
    return of(pattern).parse(text, zone);
  }

  /** Formats a date-time with this pattern. */
  public String format(ZonedDateTime dt) {
    StringBuilder out = new StringBuilder(pattern.length() + 16);
    for (Token token : tokens) {
      if (token.literal) {
        out.append(token.text);
      } else {
        out.append(formatToken(token.text, dt));
      }
    }
    return out.toString();
  }

  /**
   * Parses a text written in this format; fields it lacks default as Luxon defaults them (see the class comment)
   * using the system clock for "now".
   *
   * @param zone the zone of a text without offset, and the zone of the result
   * @throws DateTimeParseException when the text does not match the format or names an impossible date
   */
  public ZonedDateTime parse(String text, ZoneId zone) {
    return parse(text, zone, Clock.system(zone), false);
  }

  /**
   * Parses a text written in this format.
   *
   * @param text the text to parse
   * @param zone the zone of a text without offset, and the zone of the result unless {@code keepParsedZone}
   * @param clock the source of "now" for the fields the text lacks
   * @param keepParsedZone keep the offset or zone the text names instead of converting to {@code zone}
   *     (Luxon's {@code setZone: true})
   * @throws DateTimeParseException when the text does not match the format or names an impossible date
   */
  public ZonedDateTime parse(String text, ZoneId zone, Clock clock, boolean keepParsedZone) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(zone, "zone");
    Parser p = parser;
    if (p == null) {
      p = new Parser(pattern, tokens);
      parser = p;
    }
    return p.parse(text, zone, clock, keepParsedZone);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // ISO output, lenient input, zones

  /**
   * Luxon's {@code toISO()}: {@code 2025-03-09T14:05:07.045+01:00}, millisecond precision, {@code Z} instead of the
   * offset when the zone is UTC itself (a zero offset in a region such as Europe/London prints {@code +00:00}).
   */
  public static String toIso(ZonedDateTime dt) {
    StringBuilder out = new StringBuilder(29);
    int year = dt.getYear();
    if (year < 0 || year > 9999) {
      out.append(year < 0 ? '-' : '+');
      pad(out, Math.abs(year), 6);
    } else {
      pad(out, year, 4);
    }
    out.append('-');
    pad(out, dt.getMonthValue(), 2);
    out.append('-');
    pad(out, dt.getDayOfMonth(), 2);
    out.append('T');
    pad(out, dt.getHour(), 2);
    out.append(':');
    pad(out, dt.getMinute(), 2);
    out.append(':');
    pad(out, dt.getSecond(), 2);
    out.append('.');
    pad(out, dt.getNano() / 1_000_000, 3);
    out.append(offsetText(dt, OffsetStyle.SHORT, true));
    return out.toString();
  }

  /** Luxon's {@code toISODate()}: {@code 2025-03-09}. */
  public static String toIsoDate(ZonedDateTime dt) {
    String iso = toIso(dt);
    return iso.substring(0, iso.indexOf('T'));
  }

  /**
   * Reads the date texts people and systems usually send, without a format: ISO dates ({@code 2025-03-09}), ISO
   * date-times with or without seconds, fraction and offset ({@code 2025-03-09T14:05}, {@code 2025-03-09
   * 14:05:07.045Z}, {@code 2025-03-09T14:05:07+01:00}), RFC 2822 / HTTP dates ({@code Sun, 9 Mar 2025 14:05:07
   * +0100}, {@code Sun, 09 Mar 2025 13:05:07 GMT}) and epoch milliseconds ({@code 1741525507045}).
   *
   * <p>A text without offset is read in {@code zone}. A text with an offset keeps it: the result is in {@code zone}
   * when {@code zone} has exactly that offset at that instant (so that later calendar arithmetic follows the
   * zone's daylight-saving rules), otherwise at that fixed offset. Epoch milliseconds are placed in {@code zone}.
   *
   * @throws DateTimeParseException when the text is none of these forms
   */
  public static ZonedDateTime parseLenient(String text, ZoneId zone) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(zone, "zone");
    String s = text.trim();
    if (s.isEmpty()) {
      throw new DateTimeParseException("an empty text is not a date", text, 0);
    }
    if (EPOCH.matcher(s).matches()) {
      return fromMillis(Long.parseLong(s), zone);
    }
    Matcher iso = ISO.matcher(s);
    if (iso.matches()) {
      try {
        return fromIsoMatch(iso, zone);
      } catch (DateTimeException e) {
        throw new DateTimeParseException("'" + text + "' is not a valid date: " + e.getMessage(), text, 0, e);
      }
    }
    Matcher rfc = RFC2822.matcher(s);
    if (rfc.matches()) {
      try {
        return fromRfcMatch(rfc, zone);
      } catch (DateTimeException e) {
        throw new DateTimeParseException("'" + text + "' is not a valid date: " + e.getMessage(), text, 0, e);
      }
    }
    throw new DateTimeParseException("'" + text + "' is not a date: expected an ISO 8601 date or date-time "
        + "(2025-03-09, 2025-03-09T14:05:07+01:00), an RFC 2822 date (Sun, 9 Mar 2025 14:05:07 +0100) or epoch "
        + "milliseconds", text, 0);
  }

  /** The instant {@code millis} after the epoch, in {@code zone}. */
  public static ZonedDateTime fromMillis(long millis, ZoneId zone) {
    return Instant.ofEpochMilli(millis).atZone(zone);
  }

  /**
   * A zone named the way Luxon accepts it: an IANA name ({@code Europe/Berlin}), {@code UTC} / {@code GMT} (any
   * case), a fixed offset ({@code UTC+3}, {@code UTC-05:30}, {@code +02:00}). Fixed offsets and UTC become
   * {@link ZoneOffset}s, which {@link #toIso} prints as offsets ({@code Z} for UTC).
   *
   * @throws IllegalArgumentException naming the zone when it is unknown
   */
  public static ZoneId zone(String name) {
    Objects.requireNonNull(name, "zone name");
    String n = name.trim();
    String upper = n.toUpperCase(Locale.ROOT);
    if (upper.equals("UTC") || upper.equals("GMT") || upper.equals("Z") || upper.equals("UT")) {
      return ZoneOffset.UTC;
    }
    try {
      Matcher m = FIXED_ZONE.matcher(upper);
      if (m.matches()) {
        int hours = Integer.parseInt(m.group(2));
        int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int sign = m.group(1).equals("-") ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      }
      return ZoneId.of(n);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + name + "' is not a time zone: use an IANA name such as "
          + "Europe/Berlin, UTC, or a fixed offset such as UTC+2", e);
    }
  }

  private static final Pattern FIXED_ZONE = Pattern.compile("(?:UTC|GMT)?([+-])(\\d{1,2})(?::?(\\d{2}))?");
  private static final Pattern EPOCH = Pattern.compile("-?\\d{9,}");
  private static final Pattern ISO = Pattern.compile(
      "([+-]\\d{6}|\\d{4})-?(\\d{2})(?:-?(\\d{2}))?"
          + "(?:[T ](\\d{2})(?::?(\\d{2})(?::?(\\d{2})(?:[.,](\\d{1,9}))?)?)?)?"
          + "\\s?(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");
  private static final Pattern RFC2822 = Pattern.compile(
      "(?:([A-Za-z]{3}),\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})\\s+(\\d{2,4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*"
          + "(UT|GMT|UTC|Z|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-IK-Za-ik-z]|[+-]\\d{4})?");

  private static ZonedDateTime fromIsoMatch(Matcher m, ZoneId zone) {
    int year = Integer.parseInt(m.group(1));
    int month = Integer.parseInt(m.group(2));
    int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
    int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
    int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
    int nano = 0;
    if (m.group(7) != null) {
      String f = (m.group(7) + "000000000").substring(0, 9);
      nano = Integer.parseInt(f);
    }
    boolean endOfDay = hour == 24 && minute == 0 && second == 0 && nano == 0;
    LocalDateTime local = LocalDateTime.of(year, month, day, endOfDay ? 0 : hour, minute, second, nano);
    if (endOfDay) {
      local = local.plusDays(1);
    }
    String offset = m.group(8);
    if (offset == null) {
      return ZonedDateTime.of(local, zone);
    }
    ZoneOffset o = offset.equalsIgnoreCase("Z") ? ZoneOffset.UTC : ZoneOffset.of(normalizeOffset(offset));
    return keepOffset(local.atOffset(o), zone);
  }

  private static String normalizeOffset(String offset) {
    if (offset.length() == 3) {
      return offset + ":00";
    }
    if (offset.length() == 5) {
      return offset.substring(0, 3) + ":" + offset.substring(3);
    }
    return offset;
  }

  private static final Map<String, Integer> RFC_ZONES = Map.ofEntries(
      Map.entry("UT", 0), Map.entry("GMT", 0), Map.entry("UTC", 0), Map.entry("Z", 0),
      Map.entry("EST", -5), Map.entry("EDT", -4), Map.entry("CST", -6), Map.entry("CDT", -5),
      Map.entry("MST", -7), Map.entry("MDT", -6), Map.entry("PST", -8), Map.entry("PDT", -7));

  private static ZonedDateTime fromRfcMatch(Matcher m, ZoneId zone) {
    int day = Integer.parseInt(m.group(2));
    int month = monthFromName(m.group(3));
    if (month < 0) {
      throw new DateTimeException("unknown month '" + m.group(3) + "'");
    }
    int year = Integer.parseInt(m.group(4));
    if (m.group(4).length() == 2) {
      year += year < 50 ? 2000 : 1900;
    }
    int second = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
    LocalDateTime local = LocalDateTime.of(year, month, day, Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), second);
    if (m.group(1) != null && dayOfWeekFromName(m.group(1)) != local.getDayOfWeek().getValue()) {
      throw new DateTimeException("the weekday " + m.group(1) + " does not match " + local.toLocalDate());
    }
    String z = m.group(8);
    ZoneOffset offset;
    if (z == null) {
      return ZonedDateTime.of(local, zone);
    } else if (z.startsWith("+") || z.startsWith("-")) {
      offset = ZoneOffset.of(normalizeOffset(z));
    } else if (RFC_ZONES.containsKey(z.toUpperCase(Locale.ROOT))) {
      offset = ZoneOffset.ofHours(RFC_ZONES.get(z.toUpperCase(Locale.ROOT)));
    } else {
      offset = ZoneOffset.UTC; // military single letters: RFC 2822 says to treat them as -0000
    }
    return keepOffset(local.atOffset(offset), zone);
  }

  private static ZonedDateTime keepOffset(OffsetDateTime odt, ZoneId zone) {
    ZoneOffset inZone = zone.getRules().getOffset(odt.toInstant());
    if (inZone.equals(odt.getOffset())) {
      return odt.atZoneSameInstant(zone);
    }
    return odt.toZonedDateTime();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Tokens

  private record Token(String text, boolean literal) {}

  private static List<Token> tokenize(String fmt) {
    List<Token> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char currentChar = 0;
    boolean quoted = false;
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c == '\'') {
        if (current.length() > 0) {
          out.add(new Token(current.toString(), quoted || !isLetter(currentChar)));
        }
        current.setLength(0);
        currentChar = 0;
        quoted = !quoted;
      } else if (quoted) {
        current.append(c);
      } else if (c == currentChar) {
        current.append(c);
      } else {
        if (current.length() > 0) {
          out.add(new Token(current.toString(), !isLetter(currentChar)));
        }
        current.setLength(0);
        current.append(c);
        currentChar = c;
      }
    }
    if (current.length() > 0) {
      out.add(new Token(current.toString(), quoted || !isLetter(currentChar)));
    }
    return List.copyOf(out);
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static String formatToken(String token, ZonedDateTime dt) {
    switch (token) {
      case "S": return Integer.toString(dt.getNano() / 1_000_000);
      case "u":
      case "SSS": return padded(dt.getNano() / 1_000_000, 3);
      case "uu": return padded(dt.getNano() / 10_000_000, 2);
      case "uuu": return Integer.toString(dt.getNano() / 100_000_000);
      case "s": return Integer.toString(dt.getSecond());
      case "ss": return padded(dt.getSecond(), 2);
      case "m": return Integer.toString(dt.getMinute());
      case "mm": return padded(dt.getMinute(), 2);
      case "h": return Integer.toString(hour12(dt));
      case "hh": return padded(hour12(dt), 2);
      case "H": return Integer.toString(dt.getHour());
      case "HH": return padded(dt.getHour(), 2);
      case "Z": return offsetText(dt, OffsetStyle.NARROW, false);
      case "ZZ": return offsetText(dt, OffsetStyle.SHORT, false);
      case "ZZZ": return offsetText(dt, OffsetStyle.TECHIE, false);
      case "ZZZZ": return zoneName(dt, TextStyle.SHORT);
      case "ZZZZZ": return zoneName(dt, TextStyle.FULL);
      case "z": return zoneId(dt.getZone());
      case "a": return dt.getHour() < 12 ? "AM" : "PM";
      case "d": return Integer.toString(dt.getDayOfMonth());
      case "dd": return padded(dt.getDayOfMonth(), 2);
      case "c":
      case "E": return Integer.toString(dt.getDayOfWeek().getValue());
      case "ccc":
      case "EEE": return dt.getDayOfWeek().getDisplayName(TextStyle.SHORT, EN);
      case "cccc":
      case "EEEE": return dt.getDayOfWeek().getDisplayName(TextStyle.FULL, EN);
      case "ccccc":
      case "EEEEE": return dt.getDayOfWeek().getDisplayName(TextStyle.NARROW, EN);
      case "L":
      case "M": return Integer.toString(dt.getMonthValue());
      case "LL":
      case "MM": return padded(dt.getMonthValue(), 2);
      case "LLL":
      case "MMM": return dt.getMonth().getDisplayName(TextStyle.SHORT, EN);
      case "LLLL":
      case "MMMM": return dt.getMonth().getDisplayName(TextStyle.FULL, EN);
      case "LLLLL":
      case "MMMMM": return dt.getMonth().getDisplayName(TextStyle.NARROW, EN);
      case "y": return Integer.toString(dt.getYear());
      case "yy": return padded(Math.abs(dt.getYear()) % 100, 2);
      case "yyyy": return signedPadded(dt.getYear(), 4);
      case "yyyyyy": return signedPadded(dt.getYear(), 6);
      case "G": return dt.getYear() > 0 ? "AD" : "BC";
      case "GG": return dt.getYear() > 0 ? "Anno Domini" : "Before Christ";
      case "GGGGG": return dt.getYear() > 0 ? "A" : "B";
      case "kk": return padded(Math.abs(dt.get(IsoFields.WEEK_BASED_YEAR)) % 100, 2);
      case "kkkk": return signedPadded(dt.get(IsoFields.WEEK_BASED_YEAR), 4);
      case "W": return Integer.toString(dt.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case "WW": return padded(dt.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2);
      case "o": return Integer.toString(dt.getDayOfYear());
      case "ooo": return padded(dt.getDayOfYear(), 3);
      case "q": return Integer.toString(dt.get(IsoFields.QUARTER_OF_YEAR));
      case "qq": return padded(dt.get(IsoFields.QUARTER_OF_YEAR), 2);
      case "X": return Long.toString(Math.floorDiv(dt.toInstant().toEpochMilli(), 1000L));
      case "x": return Long.toString(dt.toInstant().toEpochMilli());
      case "D": return dt.getMonthValue() + "/" + dt.getDayOfMonth() + "/" + dt.getYear();
      case "DD": return formatToken("MMM", dt) + " " + dt.getDayOfMonth() + ", " + dt.getYear();
      case "DDD": return formatToken("MMMM", dt) + " " + dt.getDayOfMonth() + ", " + dt.getYear();
      case "DDDD": return formatToken("EEEE", dt) + ", " + formatToken("DDD", dt);
      case "t": return hour12(dt) + ":" + padded(dt.getMinute(), 2) + " " + formatToken("a", dt);
      case "tt": return hour12(dt) + ":" + padded(dt.getMinute(), 2) + ":" + padded(dt.getSecond(), 2) + " "
          + formatToken("a", dt);
      case "T": return padded(dt.getHour(), 2) + ":" + padded(dt.getMinute(), 2);
      case "TT": return formatToken("T", dt) + ":" + padded(dt.getSecond(), 2);
      case "f": return formatToken("D", dt) + ", " + formatToken("t", dt);
      case "ff": return formatToken("DD", dt) + ", " + formatToken("t", dt);
      case "F": return formatToken("D", dt) + ", " + formatToken("tt", dt);
      case "FF": return formatToken("DD", dt) + ", " + formatToken("tt", dt);
      default: return token;
    }
  }

  private static int hour12(ZonedDateTime dt) {
    int h = dt.getHour() % 12;
    return h == 0 ? 12 : h;
  }

  private static String padded(int value, int width) {
    StringBuilder sb = new StringBuilder(width);
    pad(sb, value, width);
    return sb.toString();
  }

  private static String signedPadded(int value, int width) {
    return value < 0 ? "-" + padded(-value, width) : padded(value, width);
  }

  private static void pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    out.append(digits);
  }

  private enum OffsetStyle { NARROW, SHORT, TECHIE }

  private static boolean isUtc(ZoneId zone) {
    return zone instanceof ZoneOffset o && o.getTotalSeconds() == 0
        || zone.getId().equals("UTC") || zone.getId().equals("GMT") || zone.getId().equals("UT");
  }

  private static String offsetText(ZonedDateTime dt, OffsetStyle style, boolean allowZ) {
    if (allowZ && isUtc(dt.getZone())) {
      return "Z";
    }
    int total = dt.getOffset().getTotalSeconds() / 60;
    char sign = total < 0 ? '-' : '+';
    int hours = Math.abs(total) / 60;
    int minutes = Math.abs(total) % 60;
    return switch (style) {
      case NARROW -> minutes > 0 ? sign + Integer.toString(hours) + ":" + minutes : sign + Integer.toString(hours);
      case SHORT -> sign + padded(hours, 2) + ":" + padded(minutes, 2);
      case TECHIE -> sign + padded(hours, 2) + padded(minutes, 2);
    };
  }

  private static String zoneName(ZonedDateTime dt, TextStyle style) {
    if (isUtc(dt.getZone())) {
      return style == TextStyle.SHORT ? "UTC" : "Coordinated Universal Time";
    }
    if (dt.getZone() instanceof ZoneOffset) {
      return "GMT" + offsetText(dt, OffsetStyle.SHORT, false);
    }
    DateTimeFormatter f = DateTimeFormatter.ofPattern(style == TextStyle.SHORT ? "zzz" : "zzzz", EN);
    return f.format(dt);
  }

  private static String zoneId(ZoneId zone) {
    if (isUtc(zone)) {
      return "UTC";
    }
    if (zone instanceof ZoneOffset o) {
      int total = o.getTotalSeconds() / 60;
      int minutes = Math.abs(total) % 60;
      return "UTC" + (total < 0 ? "-" : "+") + Math.abs(total) / 60 + (minutes > 0 ? ":" + padded(minutes, 2) : "");
    }
    return zone.getId();
  }

  private static int monthFromName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Month m : Month.values()) {
      String full = m.getDisplayName(TextStyle.FULL, EN).toLowerCase(Locale.ROOT);
      if (full.equals(n) || full.substring(0, 3).equals(n)) {
        return m.getValue();
      }
    }
    return -1;
  }

  private static int dayOfWeekFromName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.getDisplayName(TextStyle.FULL, EN).toLowerCase(Locale.ROOT);
      if (full.equals(n) || full.substring(0, 3).equals(n)) {
        return d.getValue();
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Parsing

  /** Collected fields of one parse. */
  private static final class Fields {
    Integer year;
    Integer month;
    Integer day;
    Integer ordinal;
    Integer weekYear;
    Integer week;
    Integer weekday;
    Integer hour;
    Integer minute;
    Integer second;
    Integer millis;
    Boolean pm;
    int twoDigitYear = -1;
    ZoneId zone;
    Long epochMillis;
  }

  private static final class Parser {
    private final String pattern;
    private final Pattern regex;
    private final List<BiConsumer<Fields, String>> setters = new ArrayList<>();

    Parser(String pattern, List<Token> tokens) {
      this.pattern = pattern;
      StringBuilder re = new StringBuilder();
      for (Token token : tokens) {
        if (token.literal) {
          re.append(literalRegex(token.text));
        } else {
          appendToken(re, token.text);
        }
      }
      this.regex = Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }

    private static String literalRegex(String text) {
      StringBuilder re = new StringBuilder();
      for (char c : text.toCharArray()) {
        if (c == ' ' || c == '\u00a0' || c == '\u202f') {
          re.append("[ \\u00a0\\u202f]");
        } else {
          re.append(Pattern.quote(String.valueOf(c)));
        }
      }
      return re.toString();
    }

    private void group(StringBuilder re, String inner, BiConsumer<Fields, String> setter) {
      re.append('(').append(inner).append(')');
      setters.add(setter);
    }

    private void appendToken(StringBuilder re, String token) {
      switch (token) {
        case "y" -> group(re, "\\d{1,6}", (f, v) -> f.year = Integer.parseInt(v));
        case "yy" -> group(re, "\\d{2,4}", (f, v) -> {
          if (v.length() == 2) {
            f.twoDigitYear = Integer.parseInt(v);
          } else {
            f.year = Integer.parseInt(v);
          }
        });
        case "yyyy" -> group(re, "\\d{4}", (f, v) -> f.year = Integer.parseInt(v));
        case "yyyyy" -> group(re, "\\d{4,6}", (f, v) -> f.year = Integer.parseInt(v));
        case "yyyyyy" -> group(re, "\\d{6}", (f, v) -> f.year = Integer.parseInt(v));
        case "kkkk" -> group(re, "\\d{4}", (f, v) -> f.weekYear = Integer.parseInt(v));
        case "kk" -> group(re, "\\d{2}", (f, v) -> f.weekYear = 2000 + Integer.parseInt(v));
        case "W" -> group(re, "\\d{1,2}", (f, v) -> f.week = Integer.parseInt(v));
        case "WW" -> group(re, "\\d{2}", (f, v) -> f.week = Integer.parseInt(v));
        case "M", "L" -> group(re, "\\d{1,2}", (f, v) -> f.month = Integer.parseInt(v));
        case "MM", "LL" -> group(re, "\\d{2}", (f, v) -> f.month = Integer.parseInt(v));
        case "MMM", "LLL" -> group(re, names(Month.values(), TextStyle.SHORT), (f, v) -> f.month = monthFromName(v));
        case "MMMM", "LLLL" -> group(re, names(Month.values(), TextStyle.FULL), (f, v) -> f.month = monthFromName(v));
        case "d" -> group(re, "\\d{1,2}", (f, v) -> f.day = Integer.parseInt(v));
        case "dd" -> group(re, "\\d{2}", (f, v) -> f.day = Integer.parseInt(v));
        case "o" -> group(re, "\\d{1,3}", (f, v) -> f.ordinal = Integer.parseInt(v));
        case "ooo" -> group(re, "\\d{3}", (f, v) -> f.ordinal = Integer.parseInt(v));
        case "q" -> group(re, "\\d", (f, v) -> f.month = (Integer.parseInt(v) - 1) * 3 + 1);
        case "qq" -> group(re, "\\d{2}", (f, v) -> f.month = (Integer.parseInt(v) - 1) * 3 + 1);
        case "E", "c" -> group(re, "\\d", (f, v) -> f.weekday = Integer.parseInt(v));
        case "EEE", "ccc" -> group(re, names(DayOfWeek.values(), TextStyle.SHORT), (f, v) -> f.weekday = dayOfWeekFromName(v));
        case "EEEE", "cccc" -> group(re, names(DayOfWeek.values(), TextStyle.FULL), (f, v) -> f.weekday = dayOfWeekFromName(v));
        case "H", "h" -> group(re, "\\d{1,2}", (f, v) -> f.hour = Integer.parseInt(v));
        case "HH", "hh" -> group(re, "\\d{2}", (f, v) -> f.hour = Integer.parseInt(v));
        case "m" -> group(re, "\\d{1,2}", (f, v) -> f.minute = Integer.parseInt(v));
        case "mm" -> group(re, "\\d{2}", (f, v) -> f.minute = Integer.parseInt(v));
        case "s" -> group(re, "\\d{1,2}", (f, v) -> f.second = Integer.parseInt(v));
        case "ss" -> group(re, "\\d{2}", (f, v) -> f.second = Integer.parseInt(v));
        case "S" -> group(re, "\\d{1,3}", (f, v) -> f.millis = Integer.parseInt(v));
        case "SSS" -> group(re, "\\d{3}", (f, v) -> f.millis = Integer.parseInt(v));
        case "u", "uu", "uuu" -> group(re, "\\d{1,9}", (f, v) -> f.millis = Integer.parseInt((v + "00").substring(0, 3)));
        case "a" -> group(re, "AM|PM|am|pm|a\\.m\\.|p\\.m\\.", (f, v) -> f.pm = v.toLowerCase(Locale.ROOT).startsWith("p"));
        case "Z", "ZZ", "ZZZ" -> group(re, "Z|[+-]\\d{1,2}(?::?\\d{2})?|UTC|GMT", (f, v) -> f.zone = offsetFromText(v));
        case "z" -> group(re, "[A-Za-z_]+(?:/[A-Za-z0-9_+\\-]+)*", (f, v) -> f.zone = zone(v));
        case "X" -> group(re, "-?\\d+(?:\\.\\d{1,3})?", (f, v) -> f.epochMillis = Math.round(Double.parseDouble(v) * 1000));
        case "x" -> group(re, "-?\\d+", (f, v) -> f.epochMillis = Long.parseLong(v));
        case "G", "GG", "GGGGG" -> group(re, "AD|BC|Anno Domini|Before Christ|A|B", (f, v) -> { });
        default -> {
          if (token.startsWith("D") || token.startsWith("t") || token.startsWith("T") || token.startsWith("f")
              || token.startsWith("F")) {
            throw new DateTimeParseException("the Luxon format '" + pattern + "' uses the token '" + token
                + "', which formats but cannot parse; write the fields out (e.g. M/d/yyyy)", pattern, 0);
          }
          re.append(literalRegex(token));
        }
      }
    }

    private static String names(Enum<?>[] values, TextStyle style) {
      StringBuilder sb = new StringBuilder();
      for (Enum<?> e : values) {
        String name = e instanceof Month m ? m.getDisplayName(style, EN) : ((DayOfWeek) e).getDisplayName(style, EN);
        if (sb.length() > 0) {
          sb.append('|');
        }
        sb.append(Pattern.quote(name));
      }
      return sb.toString();
    }

    private static ZoneId offsetFromText(String v) {
      if (v.equalsIgnoreCase("Z") || v.equalsIgnoreCase("UTC") || v.equalsIgnoreCase("GMT")) {
        return ZoneOffset.UTC;
      }
      char sign = v.charAt(0);
      String rest = v.substring(1).replace(":", "");
      int hours;
      int minutes = 0;
      if (rest.length() <= 2) {
        hours = Integer.parseInt(rest);
      } else {
        hours = Integer.parseInt(rest.substring(0, rest.length() - 2));
        minutes = Integer.parseInt(rest.substring(rest.length() - 2));
      }
      int s = sign == '-' ? -1 : 1;
      return ZoneOffset.ofHoursMinutes(s * hours, s * minutes);
    }

    ZonedDateTime parse(String text, ZoneId zone, Clock clock, boolean keepParsedZone) {
      Matcher m = regex.matcher(text.trim());
      if (!m.matches()) {
        throw new DateTimeParseException("'" + text + "' does not match the Luxon format '" + pattern + "'", text, 0);
      }
      Fields f = new Fields();
      for (int i = 0; i < setters.size(); i++) {
        String value = m.group(i + 1);
        if (value != null) {
          setters.get(i).accept(f, value);
        }
      }
      try {
        return build(f, zone, clock, keepParsedZone);
      } catch (DateTimeException e) {
        throw new DateTimeParseException("'" + text + "' (format '" + pattern + "') is not a valid date: "
            + e.getMessage(), text, 0, e);
      }
    }

    private static ZonedDateTime build(Fields f, ZoneId zone, Clock clock, boolean keepParsedZone) {
      ZoneId textZone = f.zone != null ? f.zone : zone;
      ZoneId resultZone = keepParsedZone && f.zone != null ? f.zone : zone;
      if (f.epochMillis != null) {
        return Instant.ofEpochMilli(f.epochMillis).atZone(resultZone);
      }
      ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(textZone);
      if (f.twoDigitYear >= 0) {
        f.year = f.twoDigitYear > 60 ? 1900 + f.twoDigitYear : 2000 + f.twoDigitYear;
      }
      if (f.hour != null && f.pm != null) {
        if (f.pm && f.hour < 12) {
          f.hour += 12;
        } else if (!f.pm && f.hour == 12) {
          f.hour = 0;
        }
      }
      LocalDate date;
      if (f.weekYear != null || f.week != null) {
        int weekYear = f.weekYear != null ? f.weekYear : now.get(IsoFields.WEEK_BASED_YEAR);
        int week = f.week != null ? f.week : 1;
        int weekday = f.weekday != null ? f.weekday : 1;
        LocalDate probe = LocalDate.of(weekYear, 6, 1).with(IsoFields.WEEK_BASED_YEAR, weekYear);
        long maxWeek = probe.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > maxWeek) {
          throw new DateTimeException("week " + week + " does not exist in week year " + weekYear);
        }
        date = probe.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(ChronoField.DAY_OF_WEEK, weekday);
      } else if (f.ordinal != null) {
        int year = f.year != null ? f.year : now.getYear();
        date = LocalDate.ofYearDay(year, f.ordinal);
      } else {
        boolean found = false;
        int year;
        if (f.year != null) {
          year = f.year;
          found = true;
        } else {
          year = now.getYear();
        }
        int month;
        if (f.month != null) {
          month = f.month;
          found = true;
        } else {
          month = found ? 1 : now.getMonthValue();
        }
        int day;
        if (f.day != null) {
          day = f.day;
          found = true;
        } else {
          day = found ? 1 : now.getDayOfMonth();
        }
        date = LocalDate.of(year, month, day);
        if (f.weekday != null && f.year == null && f.month == null && f.day == null) {
          date = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusDays(f.weekday - 1L);
        } else if (f.weekday != null && date.getDayOfWeek().getValue() != f.weekday) {
          throw new DateTimeException(date + " is a " + date.getDayOfWeek().getDisplayName(TextStyle.FULL, EN)
              + ", not a " + DayOfWeek.of(f.weekday).getDisplayName(TextStyle.FULL, EN));
        }
      }
      boolean dateGiven = f.year != null || f.month != null || f.day != null || f.ordinal != null
          || f.weekYear != null || f.week != null || f.weekday != null;
      boolean found = dateGiven;
      int hour;
      if (f.hour != null) {
        hour = f.hour;
        found = true;
      } else {
        hour = found ? 0 : now.getHour();
      }
      int minute;
      if (f.minute != null) {
        minute = f.minute;
        found = true;
      } else {
        minute = found ? 0 : now.getMinute();
      }
      int second;
      if (f.second != null) {
        second = f.second;
        found = true;
      } else {
        second = found ? 0 : now.getSecond();
      }
      int millis = f.millis != null ? f.millis : found ? 0 : now.getNano() / 1_000_000;
      LocalDateTime local = LocalDateTime.of(date, LocalTime.of(hour, minute, second, millis * 1_000_000));
      ZonedDateTime inTextZone = ZonedDateTime.of(local, textZone);
      return inTextZone.withZoneSameInstant(resultZone);
    }
  }
}
