/**
 * Several engine instances as one deployment: a bus broadcasting cancellations, finished executions and events
 * ({@link dev.weft.cluster.ClusterBus}), a lock making schedules fire once per tick ({@link dev.weft.cluster.TickLock})
 * and the handle of queue workers ({@link dev.weft.cluster.Workers}). In-process versions are here; shared backends
 * (JDBC, Redis) live in their own artifacts.
 */
package dev.weft.cluster;
