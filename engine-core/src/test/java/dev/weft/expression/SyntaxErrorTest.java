package dev.weft.expression;

import static dev.weft.expression.Expressions.ENGINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class SyntaxErrorTest {
  @Test
  void syntaxErrorNamesTheTemplateAndPosition() {
    String template = "Total: {{ $json.a + }}";
    ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> ENGINE.compile(template));
    assertThat(e.expression()).isEqualTo(template);
    assertThat(e.reason()).startsWith("Syntax error: ").contains("end of expression");
    // The expression " $json.a + " starts at offset 9; dashjoin reports the end of the input.
    assertThat(e.position()).isEqualTo(template.indexOf("}}"));
    assertThat(e.getMessage()).contains("in expression 'Total: {{ $json.a + }}'").contains("at position 20");
  }

  @Test
  void positionPointsIntoTheRightExpression() {
    String template = "{{ $json.ok }} and {{ $json.b ] }}";
    ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> ENGINE.compile(template));
    assertThat(e.position()).isGreaterThan(template.indexOf("and"));
    assertThat(e.position()).isLessThanOrEqualTo(template.length());
  }

  @Test
  void unterminatedStringAndUnclosedBraces() {
    assertThatThrownBy(() -> ENGINE.compile("{{ \"abc }}"))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("never closed");
    assertThatThrownBy(() -> ENGINE.compile("{{ 'abc\" }}x"))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("never closed");
    ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> ENGINE.compile("abc {{ $json.a"));
    assertThat(e.reason()).isEqualTo("'{{' is never closed with '}}'");
    assertThat(e.position()).isEqualTo(4);
  }

  @Test
  void unknownOperatorsAndBadCalls() {
    assertThatThrownBy(() -> ENGINE.compile("{{ $json.a === 1 }}"))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("Syntax error");
    assertThatThrownBy(() -> ENGINE.compile("{{ $substring('a', }}"))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("Syntax error");
  }

  @Test
  void failedCompilationsAreNotCached() {
    String template = "{{ (1 }}";
    assertThatThrownBy(() -> ENGINE.compile(template)).isInstanceOf(ExpressionException.class);
    assertThatThrownBy(() -> ENGINE.compile(template)).isInstanceOf(ExpressionException.class);
  }
}
