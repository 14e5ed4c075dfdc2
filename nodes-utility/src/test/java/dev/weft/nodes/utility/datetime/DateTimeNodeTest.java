package dev.weft.nodes.utility.datetime;

import static dev.weft.nodes.utility.io.Runs.failure;
import static dev.weft.nodes.utility.io.Runs.json;
import static dev.weft.nodes.utility.io.Runs.ok;
import static dev.weft.nodes.utility.io.Runs.parse;
import static dev.weft.nodes.utility.io.Runs.items;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.utility.UtilityNodes;
import dev.weft.workflow.Workflow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DateTimeNodeTest {

  /** One Date & Time node in a workflow whose time zone is {@code zone}. */
  private static String node(String zone, String parameters) {
    return """
        { "name": "dates", "settings": { "timezone": "%s" },
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Date", "type": "weft.dateTime", "parameters": %s } ],
          "connections": [ { "from": "Start", "to": "Date" } ] }""".formatted(zone, parameters);
  }

  private static Map<String, Object> run(String zone, String parameters, String item) {
    return json(ok(node(zone, parameters), "[" + item + "]").items("Date")).get(0);
  }

  private static final String CURRENT = "{\"currentDate\": \"2023-04-11T13:51:59.965+00:00\"}";

  @Test
  void addsAndSubtractsCalendarUnits() {
    assertThat(run("Etc/GMT", "{ \"operation\": \"addToDate\", \"date\": \"{{ $json.currentDate }}\", \"duration\": 2 }", CURRENT))
        .isEqualTo(parse("{\"newDate\": \"2023-04-13T13:51:59.965+00:00\"}"));
    assertThat(run("Europe/Berlin", """
        { "operation": "subtractFromDate", "date": "2025-03-31T12:00:00+02:00", "duration": 1, "timeUnit": "months" }""", "{}"))
        .isEqualTo(parse("{\"newDate\": \"2025-02-28T12:00:00.000+01:00\"}"));
    assertThat(run("Europe/Berlin", """
        { "operation": "addToDate", "date": "2025-01-01T00:00:00+01:00", "duration": 1.5, "timeUnit": "hours",
          "outputField": "later" }""", "{}"))
        .isEqualTo(parse("{\"later\": \"2025-01-01T01:30:00.000+01:00\"}"));
  }

  @Test
  void formatsWithPresetsAndLuxonTokens() {
    assertThat(run("Etc/GMT", "{ \"operation\": \"formatDate\", \"date\": \"{{ $json.currentDate }}\", \"format\": \"yyyy/MM/dd\" }",
        CURRENT)).isEqualTo(parse("{\"formattedDate\": \"2023/04/11\"}"));
    assertThat(run("UTC", """
        { "operation": "formatDate", "date": "2025-03-09T14:05:07Z", "format": "custom",
          "customFormat": "EEEE, d LLLL yyyy 'at' HH:mm", "timeZone": "Europe/Berlin" }""", "{}"))
        .isEqualTo(parse("{\"formattedDate\": \"Sunday, 9 March 2025 at 15:05\"}"));
    assertThat(run("UTC", "{ \"operation\": \"formatDate\", \"date\": \"2023-03-31T06:31:01.000\", \"format\": \"X\" }", "{}"))
        .isEqualTo(parse("{\"formattedDate\": \"1680244261\"}"));
  }

  @Test
  void readsEpochSecondsMillisecondsAndFractionalSeconds() {
    for (String value : new String[] {"1682918315906", "1682918315.906", "1682918315", "\"1682918315906\""}) {
      assertThat(run("UTC", "{ \"operation\": \"formatDate\", \"date\": \"{{ $json.d }}\", \"format\": \"yyyy/MM/dd\", "
          + "\"outputField\": \"data\" }", "{\"d\": " + value + "}"))
          .as(value).isEqualTo(parse("{\"data\": \"2023/05/01\"}"));
    }
  }

  @Test
  void includesInputFieldsOnRequest() {
    assertThat(run("UTC", """
        { "operation": "formatDate", "date": "{{ $json.d }}", "format": "yyyy-MM-dd", "outputField": "out.day",
          "includeInputFields": true }""", "{\"d\": 1682918315, \"keep\": \"me\"}"))
        .isEqualTo(parse("{\"d\": 1682918315, \"keep\": \"me\", \"out\": {\"day\": \"2023-05-01\"}}"));
  }

  @Test
  void readsAFromFormatAndEverydayForms() {
    assertThat(run("UTC", """
        { "operation": "formatDate", "date": "2022-12-01", "fromFormat": "yyyy-dd-MM", "format": "MM-dd-yyyy" }""", "{}"))
        .isEqualTo(parse("{\"formattedDate\": \"01-12-2022\"}"));
    assertThat(run("UTC", "{ \"operation\": \"formatDate\", \"date\": \"08/01/2022\", \"format\": \"yyyy-MM-dd\" }", "{}"))
        .isEqualTo(parse("{\"formattedDate\": \"2022-08-01\"}"));
  }

  @Test
  void roundsDownAndUp() {
    assertThat(run("Etc/GMT", "{ \"operation\": \"roundDate\", \"date\": \"2023/04/11\", \"toNearest\": \"day\" }", "{}"))
        .isEqualTo(parse("{\"roundedDate\": \"2023-04-11T00:00:00.000+00:00\"}"));
    assertThat(run("Europe/Berlin", """
        { "operation": "roundDate", "date": "2025-03-09T14:05:07+01:00", "roundMode": "roundUp", "toNearest": "month" }""", "{}"))
        .isEqualTo(parse("{\"roundedDate\": \"2025-04-01T00:00:00.000+02:00\"}"));
    assertThat(run("Europe/Berlin", """
        { "operation": "roundDate", "date": "2025-03-09T14:05:07+01:00", "toNearest": "week" }""", "{}"))
        .isEqualTo(parse("{\"roundedDate\": \"2025-03-03T00:00:00.000+01:00\"}"));
  }

  @Test
  void measuresTheTimeBetweenDatesInTheChosenUnits() {
    assertThat(run("UTC", """
        { "operation": "getTimeBetweenDates", "startDate": "2023-04-11T13:51:59.965Z", "endDate": "2023-04-13T13:51:59.965Z",
          "units": ["day"] }""", "{}")).isEqualTo(parse("{\"timeDifference\": {\"days\": 2}}"));
    assertThat(run("UTC", """
        { "operation": "getTimeBetweenDates", "startDate": "2024-01-31T10:00:00Z", "endDate": "2025-03-02T12:30:00Z",
          "units": ["hour", "year", "day", "month"] }""", "{}"))
        .isEqualTo(parse("{\"timeDifference\": {\"years\": 1, \"months\": 1, \"days\": 2, \"hours\": 2.5}}"));
    assertThat(run("UTC", """
        { "operation": "getTimeBetweenDates", "startDate": "2025-01-03", "endDate": "2025-01-01T12:00:00Z",
          "units": ["day"] }""", "{}")).isEqualTo(parse("{\"timeDifference\": {\"days\": -1.5}}"));
    assertThat(run("UTC", """
        { "operation": "getTimeBetweenDates", "startDate": "2025-01-01", "endDate": "2025-01-03T02:30:00Z",
          "units": ["day", "hour"], "outputAsIsoString": true }""", "{}"))
        .isEqualTo(parse("{\"timeDifference\": \"P2DT2.5H\"}"));
  }

  @Test
  void extractsParts() {
    assertThat(run("Etc/GMT", "{ \"operation\": \"extractDate\", \"date\": \"{{ $json.currentDate }}\", \"part\": \"hour\", "
        + "\"outputField\": \"date\" }", CURRENT)).isEqualTo(parse("{\"date\": 13}"));
    assertThat(run("UTC", "{ \"operation\": \"extractDate\", \"date\": \"2025-03-09\", \"part\": \"week\" }", "{}"))
        .isEqualTo(parse("{\"datePart\": 10}"));
  }

  @Test
  void readsInOneZoneAndWritesInAnother() {
    assertThat(run("UTC", """
        { "operation": "formatDate", "date": "2022-08-01T00:00:00", "format": "custom", "customFormat": "yyyy/MM/dd HH:mm ZZ",
          "timeZone": "Pacific/Honolulu", "outputTimeZone": "America/Los_Angeles" }""", "{}"))
        .isEqualTo(parse("{\"formattedDate\": \"2022/08/01 03:00 -07:00\"}"));
    assertThat(failure(node("UTC", """
        { "operation": "formatDate", "date": "2022-08-01", "outputTimeZone": "Nowhere/Land" }"""), "[{}]").parameter())
        .isEqualTo("outputTimeZone");
  }

  @Test
  void changesTheTimeZone() {
    assertThat(run("UTC", """
        { "operation": "changeTimeZone", "date": "2025-03-09T14:05:07.045Z", "toTimeZone": "America/New_York" }""", "{}"))
        .isEqualTo(parse("{\"newDate\": \"2025-03-09T10:05:07.045-04:00\"}"));
  }

  @Test
  void givesTheCurrentDateFromTheEnginesClock() throws Exception {
    try (Weft weft = Weft.builder().nodePack(new UtilityNodes())
        .clock(Clock.fixed(Instant.parse("2025-01-01T10:15:30.250Z"), ZoneOffset.UTC)).build()) {
      ExecutionResult r = weft.run(Workflow.fromJson(node("Europe/Berlin", "{ \"operation\": \"currentDate\" }")), items("[{}]"));
      ExecutionResult day = weft.run(Workflow.fromJson(node("Europe/Berlin",
          "{ \"operation\": \"currentDate\", \"includeTime\": false }")), items("[{}]"));

      assertThat(json(r.items("Date"))).isEqualTo(parse("[{\"currentDate\": \"2025-01-01T11:15:30.250+01:00\"}]"));
      assertThat(json(day.items("Date"))).isEqualTo(parse("[{\"currentDate\": \"2025-01-01T00:00:00.000+01:00\"}]"));
    }
  }

  @Test
  void aDateItCannotReadIsNamed() {
    var error = failure(node("UTC", "{ \"operation\": \"formatDate\", \"date\": \"{{ $json.d }}\" }"), "[{\"d\": \"soon\"}]");

    assertThat(error.parameter()).isEqualTo("date");
    assertThat(error.message()).contains("'soon' is not a date");
  }

  @Test
  void aTextNotInTheFromFormatIsNamed() {
    var error = failure(node("UTC", "{ \"operation\": \"formatDate\", \"date\": \"2025-13-45\", \"fromFormat\": \"yyyy-MM-dd\" }"),
        "[{}]");

    assertThat(error.parameter()).isEqualTo("date");
    assertThat(error.message()).contains("does not match the format 'yyyy-MM-dd'");
  }

  @Test
  void anUnknownTimeZoneIsNamed() {
    var error = failure(node("UTC", """
        { "operation": "changeTimeZone", "date": "2025-01-01", "toTimeZone": "Mars/Olympus" }"""), "[{}]");

    assertThat(error.parameter()).isEqualTo("toTimeZone");
    assertThat(error.message()).contains("Mars/Olympus");
  }
}
