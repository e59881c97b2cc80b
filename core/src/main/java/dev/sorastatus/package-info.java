/**
 * Where a Sora-style video job stands: the {@link dev.sorastatus.VideoStatusPort}, the domain values it
 * returns, its configuration, the typed errors it throws, and the {@link dev.sorastatus.VideoPoller} that
 * waits for a job to finish.
 */
package dev.sorastatus;
