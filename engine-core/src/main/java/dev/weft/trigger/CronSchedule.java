package dev.weft.trigger;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZonedDateTime;
import java.util.Optional;

/** A cron expression: five fields (minute hour day month weekday) or six with seconds first. */
final class CronSchedule {
  private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser SPRING = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

  private final ExecutionTime time;

  private CronSchedule(Cron cron) {
    this.time = ExecutionTime.forCron(cron);
  }

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static CronSchedule parse(String expression) {
    String trimmed = expression == null ? "" : expression.trim();
    int fields = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    try {
      if (fields == 5) {
        return new CronSchedule(UNIX.parse(trimmed).validate());
      }
      if (fields == 6) {
        return new CronSchedule(SPRING.parse(trimmed).validate());
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + expression + "' is not a valid cron expression: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("'" + expression + "' is not a valid cron expression: expected 5 fields "
        + "(minute hour day-of-month month day-of-week) or 6 with seconds first, found " + fields);
  }

  /** The next time after {@code now}. */
  Optional<ZonedDateTime> next(ZonedDateTime now) {
    return time.nextExecution(now);
  }
}
