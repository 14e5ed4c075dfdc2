/**
 * Expressions in parameter values: templates whose {@code {{ }}} parts are JSONata, evaluated per item.
 *
 * <p>{@link dev.weft.expression.ExpressionEngine} compiles (and caches) {@link dev.weft.expression.Template}s; the
 * executor evaluates them with an {@link dev.weft.expression.ExpressionScope} describing the current node and item.
 * Evaluations are bounded by {@link dev.weft.expression.ExpressionLimits} and report failures as
 * {@link dev.weft.expression.ExpressionException}s naming the expression and position. See
 * {@code docs/expressions.md} for the language reference.
 */
package dev.weft.expression;
