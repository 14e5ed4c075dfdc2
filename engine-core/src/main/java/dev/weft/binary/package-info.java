/**
 * Backends of {@link dev.weft.spi.BinaryStore}: {@link dev.weft.binary.InMemoryBinaryStore} for tests and small
 * content, {@link dev.weft.binary.FileBinaryStore} for a folder on disk.
 *
 * <p>Both issue random ids (never derived from file names or content), treat any id they could not have issued as
 * unknown, and report unknown content with {@link dev.weft.binary.BinaryNotFoundException}.
 */
package dev.weft.binary;
