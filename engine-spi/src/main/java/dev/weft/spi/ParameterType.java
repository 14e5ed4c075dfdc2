package dev.weft.spi;

/** The kinds of value a node parameter holds. */
public enum ParameterType {
  /** Text. */
  STRING,
  /** A number (integral or decimal). */
  NUMBER,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** One value out of {@link ParameterSpec#options()}. */
  OPTIONS,
  /** Several values out of {@link ParameterSpec#options()}, as a list. */
  MULTI_OPTIONS,
  /** Any JSON value; a string value is parsed as JSON. */
  JSON,
  /** An object whose keys are described by {@link ParameterSpec#fields()}; all optional unless marked required. */
  COLLECTION,
  /** A list; each entry is an object described by {@link ParameterSpec#fields()}, or any value when there are none. */
  LIST
}
