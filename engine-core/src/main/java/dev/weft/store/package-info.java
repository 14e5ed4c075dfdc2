/**
 * Persistence SPIs of the engine: workflows, executions, credentials, the work queue, user accounts, the audit log
 * and the webhook routes of active workflows, each with a thread-safe in-memory implementation.
 *
 * <p>Every SPI states exactly what a backend must promise; the abstract contract tests shipped in the engine-core
 * test-jar ({@code WorkflowStoreContract}, {@code ExecutionStoreContract}, {@code CredentialStoreContract},
 * {@code WorkQueueContract}, {@code UserStoreContract}, {@code AuditLogContract},
 * {@code WebhookStoreContract}) check those promises, and each backend (in-memory, JDBC, Redis) subclasses them.
 *
 * <p>Common promises of every store in this package:
 * <ul>
 *   <li>Stores hold copies: mutating a record's maps after handing it to a store, or after receiving it from one,
 *       never changes what is stored.</li>
 *   <li>JSON values ({@code Map<String,Object>}, {@code List<Object>}, strings, numbers, booleans, {@code null}) come
 *       back equal by {@link dev.weft.spi.Json#equal(Object, Object)}; integral numbers may come back as {@code Long}
 *       and map key order is kept.</li>
 *   <li>Timestamps are taken from the store's {@link java.time.Clock} and kept to at least millisecond precision.</li>
 *   <li>Failures are {@link dev.weft.store.StoreException}s (unchecked), and their messages name the record kind and
 *       id at fault.</li>
 * </ul>
 */
package dev.weft.store;
