package dev.weft.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A kind of credential: the fields it holds (secret ones marked with {@link ParameterSpec#secret()}) and how to test
 * it. Credential values are stored encrypted and handed only to nodes that declare the type.
 *
 * @param id stable, namespaced id, for example {@code weft.httpBearerAuth}
 * @param displayName name shown to people
 * @param description what the credential is for and where to get it
 * @param fields the values it holds
 * @param tester checks the values, or {@code null} when the type cannot be tested
 */
public record CredentialType(
    String id,
    String displayName,
    String description,
    List<ParameterSpec> fields,
    CredentialTester tester) {

  public CredentialType {
    Objects.requireNonNull(id, "id");
    displayName = displayName == null ? id : displayName;
    description = description == null ? "" : description;
    fields = List.copyOf(fields == null ? List.of() : fields);
  }

  /** The field with this name, or {@code null}. */
  public ParameterSpec field(String name) {
    for (ParameterSpec f : fields) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** Starts a credential type. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds a {@link CredentialType}. */
  public static final class Builder {
    private final String id;
    private String displayName;
    private String description;
    private final List<ParameterSpec> fields = new ArrayList<>();
    private CredentialTester tester;

    private Builder(String id) {
      this.id = id;
    }

    /** Name shown to people. */
    public Builder displayName(String value) {
      this.displayName = value;
      return this;
    }

    /** What it is for. */
    public Builder description(String value) {
      this.description = value;
      return this;
    }

    /** The values it holds. */
    public Builder fields(ParameterSpec... values) {
      this.fields.addAll(Arrays.asList(values));
      return this;
    }

    /** The values it holds. */
    public Builder fields(ParameterSpec.Builder... values) {
      for (ParameterSpec.Builder b : values) {
        this.fields.add(b.build());
      }
      return this;
    }

    /** How to test it. */
    public Builder tester(CredentialTester value) {
      this.tester = value;
      return this;
    }

    /** The finished type. */
    public CredentialType build() {
      return new CredentialType(id, displayName, description, fields, tester);
    }
  }
}
