/**
 * Date and time helpers shared by the engine's expressions and the date nodes: Luxon-style format patterns,
 * Luxon's ISO output and lenient parsing of common date texts. See {@link dev.weft.spi.time.LuxonFormat}.
 */
package dev.weft.spi.time;
