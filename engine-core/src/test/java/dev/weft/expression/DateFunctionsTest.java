package dev.weft.expression;

import static dev.weft.expression.Expressions.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DateFunctionsTest {
  private final TestScope utc = new TestScope();

  private TestScope berlin() {
    TestScope scope = new TestScope();
    scope.zone = ZoneId.of("Europe/Berlin");
    return scope;
  }

  @Test
  void dateParseLenientAndWithFormat() throws Exception {
    assertThat(eval("{{ $dateParse('2025-03-09') }}", utc)).isEqualTo("2025-03-09T00:00:00.000Z");
    assertThat(eval("{{ $dateParse('2025-03-09T14:05:07+01:00') }}", utc)).isEqualTo("2025-03-09T13:05:07.000Z");
    assertThat(eval("{{ $dateParse('09/03/2025 14:05', 'dd/MM/yyyy HH:mm') }}", utc))
        .isEqualTo("2025-03-09T14:05:00.000Z");
    assertThat(eval("{{ $dateParse('09/03/2025 14:05', 'dd/MM/yyyy HH:mm', 'Europe/Berlin') }}", utc))
        .isEqualTo("2025-03-09T14:05:00.000+01:00");
    assertThat(eval("{{ $dateParse('2025-03-09') }}", berlin())).isEqualTo("2025-03-09T00:00:00.000+01:00");
    assertThat(eval("{{ $dateParse(1741525507045) }}", utc)).isEqualTo("2025-03-09T13:05:07.045Z");
    assertThat(eval("{{ $dateParse('Sun, 9 Mar 2025 14:05:07 +0100') }}", utc)).isEqualTo("2025-03-09T13:05:07.000Z");
    assertThat(eval("{{ $dateParse('14:30', 'HH:mm') }}", utc)).isEqualTo("2025-01-01T14:30:00.000Z");
  }

  @Test
  void dateParseErrorsNameTheTextAndFormat() {
    assertThatThrownBy(() -> eval("{{ $dateParse('soon') }}", utc))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("$dateParse()").hasMessageContaining("'soon'");
    assertThatThrownBy(() -> eval("{{ $dateParse('2025-13-01', 'yyyy-MM-dd') }}", utc))
        .hasMessageContaining("2025-13-01").hasMessageContaining("not a valid date");
    assertThatThrownBy(() -> eval("{{ $dateParse('2025-01-01', 'yyyy-MM-dd', 'Nowhere/City') }}", utc))
        .hasMessageContaining("'Nowhere/City' is not a time zone");
  }

  @Test
  void dateFormatWithLuxonTokens() throws Exception {
    assertThat(eval("{{ $dateFormat('2025-03-09T14:05:07.045Z', 'dd LLL yyyy, HH:mm') }}", utc))
        .isEqualTo("09 Mar 2025, 14:05");
    assertThat(eval("{{ $dateFormat('2025-03-09T14:05:07.045Z', 'EEEE h:mm a', 'America/New_York') }}", utc))
        .isEqualTo("Sunday 10:05 AM");
    assertThat(eval("{{ $dateFormat($now, \"kkkk-'W'WW\") }}", utc)).isEqualTo("2025-W01");
    assertThat(eval("{{ $dateFormat(0, 'x') }}", utc)).isEqualTo("0");
    assertThatThrownBy(() -> eval("{{ $dateFormat($now) }}", utc)).hasMessageContaining("$dateFormat() expects a Luxon format");
  }

  @Test
  void plusAndMinusUseCalendarUnits() throws Exception {
    assertThat(eval("{{ $datePlus('2025-01-31T10:00:00.000Z', 1, 'month') }}", utc))
        .isEqualTo("2025-02-28T10:00:00.000Z");
    assertThat(eval("{{ $datePlus('2024-02-29T00:00:00.000Z', 1, 'years') }}", utc))
        .isEqualTo("2025-02-28T00:00:00.000Z");
    assertThat(eval("{{ $datePlus('2025-01-01T00:00:00.000Z', 2, 'quarters') }}", utc))
        .isEqualTo("2025-07-01T00:00:00.000Z");
    assertThat(eval("{{ $dateMinus('2025-01-01T00:00:00.000Z', 1, 'week') }}", utc))
        .isEqualTo("2024-12-25T00:00:00.000Z");
    assertThat(eval("{{ $datePlus('2025-01-01T00:00:00.000Z', 90, 'minutes') }}", utc))
        .isEqualTo("2025-01-01T01:30:00.000Z");
    assertThat(eval("{{ $datePlus('2025-01-01T00:00:00.000Z', 1500, 'milliseconds') }}", utc))
        .isEqualTo("2025-01-01T00:00:01.500Z");
    assertThat(eval("{{ $datePlus('2025-01-01T00:00:00.000Z', 1.5, 'days') }}", utc))
        .isEqualTo("2025-01-02T12:00:00.000Z");
    assertThatThrownBy(() -> eval("{{ $datePlus($now, 1, 'fortnight') }}", utc))
        .hasMessageContaining("$datePlus() does not know the unit 'fortnight'");
  }

  @Test
  void daysFollowTheWorkflowZoneAcrossDaylightSaving() throws Exception {
    // Berlin switches to summer time on 2025-03-30: one calendar day is 23 hours.
    TestScope scope = berlin();
    assertThat(eval("{{ $datePlus('2025-03-29T12:00:00.000+01:00', 1, 'day') }}", scope))
        .isEqualTo("2025-03-30T12:00:00.000+02:00");
    assertThat(eval("{{ $datePlus('2025-03-29T12:00:00.000+01:00', 24, 'hours') }}", scope))
        .isEqualTo("2025-03-30T13:00:00.000+02:00");
    // A date whose offset is not the workflow zone's keeps its fixed offset.
    assertThat(eval("{{ $datePlus('2025-03-29T12:00:00.000+05:00', 1, 'day') }}", scope))
        .isEqualTo("2025-03-30T12:00:00.000+05:00");
  }

  @Test
  void diffInUnitsWithFractionsAndSign() throws Exception {
    assertThat(eval("{{ $dateDiff('2025-01-03T12:00:00Z', '2025-01-01T00:00:00Z', 'days') }}", utc)).isEqualTo(2.5);
    assertThat(eval("{{ $dateDiff('2025-01-01T00:00:00Z', '2025-01-03T00:00:00Z', 'days') }}", utc)).isEqualTo(-2L);
    assertThat(eval("{{ $dateDiff('2025-03-31T00:00:00Z', '2025-01-31T00:00:00Z', 'months') }}", utc)).isEqualTo(2L);
    assertThat(eval("{{ $dateDiff('2025-01-01T01:30:00Z', '2025-01-01T00:00:00Z', 'hours') }}", utc)).isEqualTo(1.5);
    assertThat(eval("{{ $dateDiff('2026-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'year') }}", utc)).isEqualTo(1L);
    assertThat(eval("{{ $dateDiff('2025-07-01T00:00:00Z', '2025-01-01T00:00:00Z', 'quarters') }}", utc)).isEqualTo(2L);
    assertThat(eval("{{ $dateDiff('2025-01-15T00:00:00Z', '2025-01-01T00:00:00Z', 'weeks') }}", utc)).isEqualTo(2L);
    assertThat(eval("{{ $dateDiff('2025-01-01T00:00:01Z', '2025-01-01T00:00:00Z', 'milliseconds') }}", utc))
        .isEqualTo(1000L);
  }

  @Test
  void startAndEndOf() throws Exception {
    String d = "'2025-05-14T13:45:12.345Z'";
    assertThat(eval("{{ $dateStartOf(" + d + ", 'year') }}", utc)).isEqualTo("2025-01-01T00:00:00.000Z");
    assertThat(eval("{{ $dateStartOf(" + d + ", 'quarter') }}", utc)).isEqualTo("2025-04-01T00:00:00.000Z");
    assertThat(eval("{{ $dateStartOf(" + d + ", 'month') }}", utc)).isEqualTo("2025-05-01T00:00:00.000Z");
    assertThat(eval("{{ $dateStartOf(" + d + ", 'week') }}", utc)).isEqualTo("2025-05-12T00:00:00.000Z");
    assertThat(eval("{{ $dateStartOf(" + d + ", 'day') }}", utc)).isEqualTo("2025-05-14T00:00:00.000Z");
    assertThat(eval("{{ $dateStartOf(" + d + ", 'hour') }}", utc)).isEqualTo("2025-05-14T13:00:00.000Z");
    assertThat(eval("{{ $dateEndOf(" + d + ", 'month') }}", utc)).isEqualTo("2025-05-31T23:59:59.999Z");
    assertThat(eval("{{ $dateEndOf(" + d + ", 'year') }}", utc)).isEqualTo("2025-12-31T23:59:59.999Z");
    assertThat(eval("{{ $dateEndOf(" + d + ", 'week') }}", utc)).isEqualTo("2025-05-18T23:59:59.999Z");
    assertThat(eval("{{ $dateEndOf(" + d + ", 'minute') }}", utc)).isEqualTo("2025-05-14T13:45:59.999Z");
  }

  @Test
  void millisAndZones() throws Exception {
    long millis = Instant.parse("2025-03-09T13:05:07.045Z").toEpochMilli();
    assertThat(eval("{{ $dateToMillis('2025-03-09T14:05:07.045+01:00') }}", utc)).isEqualTo(millis);
    assertThat(eval("{{ $dateFromMillis(" + millis + ") }}", utc)).isEqualTo("2025-03-09T13:05:07.045Z");
    assertThat(eval("{{ $dateFromMillis(" + millis + ", 'Asia/Tokyo') }}", utc))
        .isEqualTo("2025-03-09T22:05:07.045+09:00");
    assertThat(eval("{{ $dateSetZone('2025-03-09T13:05:07.045Z', 'UTC+2') }}", utc))
        .isEqualTo("2025-03-09T15:05:07.045+02:00");
    assertThatThrownBy(() -> eval("{{ $dateSetZone($now) }}", utc)).hasMessageContaining("expects a time zone name");
    assertThatThrownBy(() -> eval("{{ $dateToMillis({}) }}", utc))
        .hasMessageContaining("$dateToMillis() expects a date (ISO text or epoch milliseconds) as argument 1, got an object");
  }
}
