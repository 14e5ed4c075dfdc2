package dev.weft.n8n;

import java.util.List;

/**
 * The result of checking a folder of n8n fixtures.
 *
 * @param fixtures one result per fixture, in file-name order
 */
public record ConformanceReport(List<FixtureResult> fixtures) {

  public ConformanceReport {
    fixtures = List.copyOf(fixtures);
  }

  /** How many fixtures passed. */
  public int passed() {
    return count(FixtureResult.Outcome.PASSED);
  }

  /** How many fixtures failed. */
  public int failed() {
    return count(FixtureResult.Outcome.FAILED);
  }

  /** How many fixtures were skipped as unsupported. */
  public int skipped() {
    return count(FixtureResult.Outcome.SKIPPED);
  }

  private int count(FixtureResult.Outcome outcome) {
    return (int) fixtures.stream().filter(f -> f.outcome() == outcome).count();
  }

  /** The share of all fixtures that passed, from 0 to 1 (0 when there are none). */
  public double passRate() {
    return fixtures.isEmpty() ? 0 : (double) passed() / fixtures.size();
  }

  /** The closing line: {@code N passed, M failed, K skipped}. */
  public String summaryLine() {
    return passed() + " passed, " + failed() + " failed, " + skipped() + " skipped";
  }

  /** One line per fixture, then the summary line. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    for (FixtureResult f : fixtures) {
      sb.append(f.line()).append('\n');
    }
    return sb.append(summaryLine()).append('\n').toString();
  }
}
