package dev.weft.expression;

import static dev.weft.expression.Expressions.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class RuntimeErrorTest {
  @Test
  void typeErrorsNameTheExpressionAndCode() {
    ExpressionException e = catchThrowableOfType(ExpressionException.class,
        () -> eval("Sum: {{ $json.a + 'x' }}", TestScope.of("a", 1L)));
    assertThat(e.reason()).contains("must evaluate to a number").contains("T2002");
    assertThat(e.expression()).isEqualTo("Sum: {{ $json.a + 'x' }}");
  }

  @Test
  void callingSomethingThatIsNotAFunction() {
    assertThatThrownBy(() -> eval("{{ $nothing(1) }}"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("Attempted to invoke a non-function")
        .hasMessageContaining("{{ $nothing(1) }}");
  }

  @Test
  void errorFunctionMessagesSurface() {
    assertThatThrownBy(() -> eval("{{ $error('customer id missing') }}"))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("customer id missing");
  }

  @Test
  void aFunctionIsNotAResult() {
    assertThatThrownBy(() -> eval("{{ function($x) { $x } }}"))
        .isInstanceOf(ExpressionException.class).hasMessageContaining("evaluates to a function");
  }

  @Test
  void secondExpressionFailureNamesTheWholeTemplate() {
    assertThatThrownBy(() -> eval("{{ 1 }} then {{ $number('abc') }}"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("{{ 1 }} then {{ $number('abc') }}");
  }
}
