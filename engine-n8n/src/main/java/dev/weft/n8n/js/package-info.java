/**
 * Reads the JavaScript in n8n workflows with a tokenizer and a Pratt parser:
 * {@link dev.weft.n8n.js.ExpressionTranslator} turns {@code {{ }}} expressions into JSONata for Weft, and
 * {@link dev.weft.n8n.js.CodeLiterals} reads Code nodes that only return data. What cannot be translated is an
 * {@link dev.weft.n8n.js.UntranslatableException} naming the JavaScript and the reason.
 */
package dev.weft.n8n.js;
