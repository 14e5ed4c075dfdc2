/** Helpers shared by the AI node packages; not an API. */
package dev.weft.nodes.ai.internal;
