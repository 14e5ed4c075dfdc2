package dev.weft.n8n.js;

import java.util.List;

/** The syntax tree of a JavaScript expression. */
sealed interface JsNode {

  /** A number literal. */
  record Num(Number value) implements JsNode {}

  /** A string literal. */
  record Str(String value) implements JsNode {}

  /** {@code true} or {@code false}. */
  record Bool(boolean value) implements JsNode {}

  /** {@code null}. */
  record Null() implements JsNode {}

  /** {@code undefined}. */
  record Undefined() implements JsNode {}

  /** A name: a variable, a global or a function. */
  record Ident(String name) implements JsNode {}

  /** A template literal: {@code texts} has one more entry than {@code expressions}. */
  record Template(List<String> texts, List<JsNode> expressions) implements JsNode {}

  /** An array literal. */
  record Arr(List<JsNode> elements) implements JsNode {}

  /** An object literal. */
  record Obj(List<Prop> properties) implements JsNode {}

  /** One property of an object literal; {@code shorthand} for {@code {a}}, {@code spread} for {@code {...a}}. */
  record Prop(String key, JsNode value, boolean shorthand, boolean spread) {}

  /** {@code object.name} (or {@code object?.name}). */
  record Member(JsNode object, String name) implements JsNode {}

  /** {@code object[index]}. */
  record Index(JsNode object, JsNode index) implements JsNode {}

  /** {@code callee(args)}. */
  record Call(JsNode callee, List<JsNode> args) implements JsNode {}

  /** {@code new callee(args)}. */
  record New(JsNode callee, List<JsNode> args) implements JsNode {}

  /** A prefix operator: {@code ! - + ~ typeof void delete}. */
  record Unary(String op, JsNode operand) implements JsNode {}

  /** {@code ++x}, {@code x--}, ... */
  record Update(String op, JsNode target) implements JsNode {}

  /** A binary or logical operator. */
  record Binary(String op, JsNode left, JsNode right) implements JsNode {}

  /** {@code test ? then : otherwise}. */
  record Cond(JsNode test, JsNode then, JsNode otherwise) implements JsNode {}

  /** {@code (a, b) => body} with an expression body. */
  record Arrow(List<String> params, JsNode body) implements JsNode {}

  /** An assignment, {@code =} or compound. */
  record Assign(String op, JsNode target, JsNode value) implements JsNode {}

  /** {@code ...x} in an array literal or call. */
  record Spread(JsNode argument) implements JsNode {}

  /** {@code a, b}: the comma operator. */
  record Seq(List<JsNode> expressions) implements JsNode {}
}
