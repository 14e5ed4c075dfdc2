package dev.weft.spi.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LuxonFormatTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** Sunday 2025-03-09 14:05:07.045 in Berlin (+01:00). */
  private static final ZonedDateTime SAMPLE = ZonedDateTime.of(2025, 3, 9, 14, 5, 7, 45_000_000, BERLIN);

  @Nested
  class Formatting {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "yyyy-MM-dd|2025-03-09",
        "yy/M/d|25/3/9",
        "dd.MM.yyyy HH:mm:ss.SSS|09.03.2025 14:05:07.045",
        "h:mm a|2:05 PM",
        "hh 'o''clock'|02 oclock",
        "S|45",
        "u|045",
        "uu|04",
        "uuu|0",
        "MMM MMMM MMMMM|Mar March M",
        "LLL LLLL|Mar March",
        "EEE EEEE EEEEE E|Sun Sunday S 7",
        "ccc cccc c|Sun Sunday 7",
        "kkkk-'W'WW-E|2025-W10-7",
        "kk W|25 10",
        "o ooo|68 068",
        "q qq|1 01",
        "Z ZZ ZZZ|+1 +01:00 +0100",
        "z|Europe/Berlin",
        "ZZZZZ|Central European Standard Time",
        "G GG|AD Anno Domini",
        "yyyyyy|002025",
        "x|1741525507045",
        "X|1741525507",
        "D|3/9/2025",
        "DD|Mar 9, 2025",
        "DDD|March 9, 2025",
        "DDDD|Sunday, March 9, 2025",
        "t|2:05 PM",
        "tt|2:05:07 PM",
        "T|14:05",
        "TT|14:05:07",
        "f|3/9/2025, 2:05 PM",
        "FF|Mar 9, 2025, 2:05:07 PM",
        "yyyy-MM-dd'T'HH:mm:ss|2025-03-09T14:05:07",
        "'Week' W 'of' kkkk|Week 10 of 2025",
    })
    void tokens(String pattern, String expected) {
      assertThat(LuxonFormat.format(SAMPLE, pattern)).isEqualTo(expected);
    }

    @Test
    void quotedLettersAreLiteralAndUnknownTokensAreCopied() {
      assertThat(LuxonFormat.format(SAMPLE, "'yyyy' yyyy")).isEqualTo("yyyy 2025");
      assertThat(LuxonFormat.format(SAMPLE, "yyyy! [MM]")).isEqualTo("2025! [03]");
      assertThat(LuxonFormat.format(SAMPLE, "yyyyy")).isEqualTo("yyyyy");
    }

    @Test
    void midnightAndNoonInTwelveHourClock() {
      ZonedDateTime midnight = SAMPLE.withHour(0);
      ZonedDateTime noon = SAMPLE.withHour(12);
      assertThat(LuxonFormat.format(midnight, "h a")).isEqualTo("12 AM");
      assertThat(LuxonFormat.format(noon, "h a")).isEqualTo("12 PM");
    }

    @Test
    void utcPrintsZAndNegativeOffsetsKeepMinutes() {
      ZonedDateTime utc = SAMPLE.withZoneSameInstant(ZoneOffset.UTC);
      assertThat(LuxonFormat.format(utc, "Z|ZZ|ZZZ|z|ZZZZ")).isEqualTo("+0|+00:00|+0000|UTC|UTC");
      ZonedDateTime stJohns = SAMPLE.withZoneSameInstant(ZoneOffset.ofHoursMinutes(-3, -30));
      assertThat(LuxonFormat.format(stJohns, "Z ZZ ZZZ z")).isEqualTo("-3:30 -03:30 -0330 UTC-3:30");
    }

    @Test
    void weekYearDiffersFromCalendarYearAtTheTurnOfTheYear() {
      ZonedDateTime dec30 = ZonedDateTime.of(2024, 12, 30, 0, 0, 0, 0, ZoneOffset.UTC);
      assertThat(LuxonFormat.format(dec30, "kkkk-'W'WW-E yyyy")).isEqualTo("2025-W01-1 2024");
    }
  }

  @Nested
  class Iso {
    @Test
    void toIsoUsesMillisecondsAndOffsetOrZ() {
      assertThat(LuxonFormat.toIso(SAMPLE)).isEqualTo("2025-03-09T14:05:07.045+01:00");
      assertThat(LuxonFormat.toIso(SAMPLE.withZoneSameInstant(ZoneOffset.UTC))).isEqualTo("2025-03-09T13:05:07.045Z");
      assertThat(LuxonFormat.toIso(SAMPLE.withZoneSameInstant(ZoneId.of("UTC")))).isEqualTo("2025-03-09T13:05:07.045Z");
      assertThat(LuxonFormat.toIso(SAMPLE.withZoneSameInstant(ZoneId.of("Europe/London"))))
          .isEqualTo("2025-03-09T13:05:07.045+00:00");
      assertThat(LuxonFormat.toIsoDate(SAMPLE)).isEqualTo("2025-03-09");
    }

    @Test
    void toIsoTruncatesNanoseconds() {
      assertThat(LuxonFormat.toIso(SAMPLE.withNano(123_999_999))).isEqualTo("2025-03-09T14:05:07.123+01:00");
    }
  }

  @Nested
  class Parsing {
    private final Clock clock = Clock.fixed(Instant.parse("2025-06-15T10:20:30.400Z"), ZoneOffset.UTC);

    private ZonedDateTime parse(String text, String pattern, ZoneId zone) {
      return LuxonFormat.of(pattern).parse(text, zone, clock, false);
    }

    @Test
    void fullDateTime() {
      ZonedDateTime dt = parse("09.03.2025 14:05:07.045", "dd.MM.yyyy HH:mm:ss.SSS", BERLIN);
      assertThat(dt).isEqualTo(SAMPLE);
    }

    @Test
    void monthAndWeekdayNamesIgnoreCase() {
      ZonedDateTime dt = parse("sunday, MARCH 9 2025", "EEEE, MMMM d yyyy", ZoneOffset.UTC);
      assertThat(dt.toLocalDate()).hasToString("2025-03-09");
      assertThat(parse("9 Mar 25", "d MMM yy", ZoneOffset.UTC).getYear()).isEqualTo(2025);
    }

    @Test
    void twoDigitYearsPivotLikeLuxon() {
      assertThat(parse("60", "yy", ZoneOffset.UTC).getYear()).isEqualTo(2060);
      assertThat(parse("61", "yy", ZoneOffset.UTC).getYear()).isEqualTo(1961);
    }

    @Test
    void twelveHourClock() {
      assertThat(parse("12:30 AM", "h:mm a", ZoneOffset.UTC).getHour()).isZero();
      assertThat(parse("12:30 pm", "h:mm a", ZoneOffset.UTC).getHour()).isEqualTo(12);
      assertThat(parse("1:30 PM", "h:mm a", ZoneOffset.UTC).getHour()).isEqualTo(13);
    }

    @Test
    void missingLargerUnitsComeFromNowAndSmallerOnesStartAtZero() {
      assertThat(parse("14:30", "HH:mm", ZoneOffset.UTC).toLocalDateTime())
          .isEqualTo(LocalDateTime.of(2025, 6, 15, 14, 30));
      assertThat(parse("2024", "yyyy", ZoneOffset.UTC).toLocalDateTime())
          .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
      assertThat(parse("03", "MM", ZoneOffset.UTC).toLocalDateTime())
          .isEqualTo(LocalDateTime.of(2025, 3, 1, 0, 0));
    }

    @Test
    void offsetInTextFixesTheInstantAndResultIsInRequestedZone() {
      ZonedDateTime dt = parse("2025-03-09 14:05 +05:30", "yyyy-MM-dd HH:mm ZZ", BERLIN);
      assertThat(dt.getZone()).isEqualTo(BERLIN);
      assertThat(dt.toInstant()).isEqualTo(Instant.parse("2025-03-09T08:35:00Z"));
      ZonedDateTime kept = LuxonFormat.of("yyyy-MM-dd HH:mm ZZZ").parse("2025-03-09 14:05 -0800", BERLIN, clock, true);
      assertThat(kept.getOffset()).isEqualTo(ZoneOffset.ofHours(-8));
      ZonedDateTime named = parse("2025-03-09 14:05 America/New_York", "yyyy-MM-dd HH:mm z", ZoneOffset.UTC);
      assertThat(named.toInstant()).isEqualTo(Instant.parse("2025-03-09T18:05:00Z"));
    }

    @Test
    void isoWeekDates() {
      ZonedDateTime dt = parse("2025-W01-1", "kkkk-'W'WW-E", ZoneOffset.UTC);
      assertThat(dt.toLocalDate()).hasToString("2024-12-30");
    }

    @Test
    void ordinalDatesAndEpochTokens() {
      assertThat(parse("2025-068", "yyyy-ooo", ZoneOffset.UTC).toLocalDate()).hasToString("2025-03-09");
      assertThat(parse("1741525507045", "x", BERLIN)).isEqualTo(SAMPLE);
      assertThat(parse("1741525507", "X", BERLIN)).isEqualTo(SAMPLE.withNano(0));
    }

    @Test
    void formatThenParseRoundTrips() {
      String pattern = "EEE, dd LLL yyyy HH:mm:ss.SSS ZZ";
      String text = LuxonFormat.format(SAMPLE, pattern);
      assertThat(parse(text, pattern, BERLIN)).isEqualTo(SAMPLE);
    }

    @Test
    void mismatchNamesTextAndFormat() {
      assertThatThrownBy(() -> parse("2025/03/09", "yyyy-MM-dd", ZoneOffset.UTC))
          .isInstanceOf(DateTimeParseException.class)
          .hasMessageContaining("'2025/03/09'").hasMessageContaining("'yyyy-MM-dd'");
    }

    @Test
    void impossibleDateIsRejected() {
      assertThatThrownBy(() -> parse("31.02.2025", "dd.MM.yyyy", ZoneOffset.UTC))
          .isInstanceOf(DateTimeParseException.class)
          .hasMessageContaining("31.02.2025").hasMessageContaining("not a valid date");
      assertThatThrownBy(() -> parse("Monday 2025-03-09", "EEEE yyyy-MM-dd", ZoneOffset.UTC))
          .hasMessageContaining("Sunday");
    }

    @Test
    void macroTokensCannotParse() {
      assertThatThrownBy(() -> parse("3/9/2025", "D", ZoneOffset.UTC))
          .isInstanceOf(DateTimeParseException.class).hasMessageContaining("'D'");
    }
  }

  @Nested
  class Lenient {
    @Test
    void isoDateIsMidnightInZone() {
      assertThat(LuxonFormat.parseLenient("2025-03-09", BERLIN))
          .isEqualTo(ZonedDateTime.of(2025, 3, 9, 0, 0, 0, 0, BERLIN));
    }

    @Test
    void isoDateTimeWithoutOffsetIsInZone() {
      assertThat(LuxonFormat.parseLenient("2025-03-09T14:05:07.045", BERLIN)).isEqualTo(SAMPLE);
      assertThat(LuxonFormat.parseLenient("2025-03-09 14:05", BERLIN))
          .isEqualTo(ZonedDateTime.of(2025, 3, 9, 14, 5, 0, 0, BERLIN));
    }

    @Test
    void offsetMatchingTheZoneKeepsTheZoneOtherwiseTheOffset() {
      ZonedDateTime sameOffset = LuxonFormat.parseLenient("2025-03-09T14:05:07.045+01:00", BERLIN);
      assertThat(sameOffset.getZone()).isEqualTo(BERLIN);
      ZonedDateTime other = LuxonFormat.parseLenient("2025-03-09T14:05:07Z", BERLIN);
      assertThat(other.getZone()).isEqualTo(ZoneOffset.UTC);
      assertThat(other.toInstant()).isEqualTo(Instant.parse("2025-03-09T14:05:07Z"));
      assertThat(LuxonFormat.parseLenient("2025-03-09T14:05:07+0530", ZoneOffset.UTC).getOffset())
          .isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
    }

    @Test
    void rfc2822AndHttpDates() {
      assertThat(LuxonFormat.parseLenient("Sun, 9 Mar 2025 14:05:07 +0100", ZoneOffset.UTC).toInstant())
          .isEqualTo(Instant.parse("2025-03-09T13:05:07Z"));
      assertThat(LuxonFormat.parseLenient("Sun, 09 Mar 2025 13:05:07 GMT", BERLIN).toInstant())
          .isEqualTo(Instant.parse("2025-03-09T13:05:07Z"));
      assertThat(LuxonFormat.parseLenient("9 Mar 2025 08:05 EST", ZoneOffset.UTC).toInstant())
          .isEqualTo(Instant.parse("2025-03-09T13:05:00Z"));
      assertThatThrownBy(() -> LuxonFormat.parseLenient("Mon, 9 Mar 2025 14:05:07 +0100", ZoneOffset.UTC))
          .isInstanceOf(DateTimeParseException.class).hasMessageContaining("weekday");
    }

    @Test
    void epochMillis() {
      assertThat(LuxonFormat.parseLenient("1741525507045", BERLIN)).isEqualTo(SAMPLE);
    }

    @Test
    void garbageIsRejectedWithTheText() {
      assertThatThrownBy(() -> LuxonFormat.parseLenient("next tuesday", BERLIN))
          .isInstanceOf(DateTimeParseException.class).hasMessageContaining("'next tuesday'");
      assertThatThrownBy(() -> LuxonFormat.parseLenient("2025-02-30", BERLIN))
          .isInstanceOf(DateTimeParseException.class).hasMessageContaining("2025-02-30");
    }
  }

  @Nested
  class Zones {
    @Test
    void luxonZoneNames() {
      assertThat(LuxonFormat.zone("utc")).isEqualTo(ZoneOffset.UTC);
      assertThat(LuxonFormat.zone("UTC+3")).isEqualTo(ZoneOffset.ofHours(3));
      assertThat(LuxonFormat.zone("UTC-05:30")).isEqualTo(ZoneOffset.ofHoursMinutes(-5, -30));
      assertThat(LuxonFormat.zone("Europe/Berlin")).isEqualTo(BERLIN);
      assertThatThrownBy(() -> LuxonFormat.zone("Mars/Olympus"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Mars/Olympus'");
    }
  }
}
