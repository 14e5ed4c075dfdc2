/**
 * JDBC backends of Weft's stores (workflows, executions, credentials, the work queue and binary content) on H2, the
 * embedded default, and PostgreSQL. Everything starts at {@link dev.weft.persistence.jdbc.JdbcStores#open}; the
 * store classes themselves are package-private and reached through the engine-core SPIs they implement.
 */
package dev.weft.persistence.jdbc;
