package dev.weft.persistence.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** Small JDBC helpers shared by the stores. */
final class Jdbc {
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)(password|pwd|sslpassword)=[^;&]*");
  private static final Pattern USER_INFO = Pattern.compile("//([^/@:]+):[^/@]*@");

  private Jdbc() {}

  /** The URL with any password in it replaced by {@code ***}, fit for messages and logs. */
  static String safeUrl(String url) {
    if (url == null) {
      return null;
    }
    String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1=***");
    return USER_INFO.matcher(masked).replaceAll("//$1:***@");
  }

  /**
   * An instant as the databases keep it: microseconds. Stores truncate every instant they write and return, so a
   * record handed back equals the record read later.
   */
  static Instant micros(Instant value) {
    return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
  }

  static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(micros(value), ZoneOffset.UTC));
    }
  }

  static Instant getInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Whether the failure is a unique or primary key violation (SQLSTATE 23505 on both H2 and PostgreSQL). */
  static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** {@code ?, ?, ?} for {@code count} parameters. */
  static String placeholders(int count) {
    StringBuilder sb = new StringBuilder(count * 3);
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "?" : ", ?");
    }
    return sb.toString();
  }
}
