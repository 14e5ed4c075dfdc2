package dev.weft.spi;

import java.util.Objects;

/**
 * One allowed value of an {@link ParameterType#OPTIONS} or {@link ParameterType#MULTI_OPTIONS} parameter.
 *
 * @param value the value stored in the workflow
 * @param label what a person sees
 * @param description a longer explanation, or an empty string
 */
public record Option(Object value, String label, String description) {
  public Option {
    Objects.requireNonNull(value, "value");
    label = label == null ? String.valueOf(value) : label;
    description = description == null ? "" : description;
  }

  /** An option whose label is its value. */
  public static Option of(Object value) {
    return new Option(value, String.valueOf(value), "");
  }

  /** An option with a label. */
  public static Option of(Object value, String label) {
    return new Option(value, label, "");
  }
}
