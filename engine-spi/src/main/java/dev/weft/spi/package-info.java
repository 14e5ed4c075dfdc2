/**
 * The contract between the Weft engine and the nodes it runs.
 *
 * <p>A node pack implements {@link dev.weft.spi.NodePack} and lists it in
 * {@code META-INF/services/dev.weft.spi.NodePack}. Each {@link dev.weft.spi.Node} describes itself with a
 * {@link dev.weft.spi.NodeDescriptor} and turns the items on its inputs into items on its outputs in
 * {@link dev.weft.spi.Node#execute(NodeContext)}. Everything a node needs from the engine (parameters resolved
 * per item, credentials, binary storage, sub-workflows, cancellation) comes through the {@link dev.weft.spi.NodeContext}.
 *
 * <p>This package depends on nothing but slf4j, so that plugins can share it with the host.
 */
package dev.weft.spi;
