/**
 * Where a Sora-style video job stands: the {@link dev.sorastatus.VideoStatusPort}, the domain values it
 * returns, its configuration, the typed errors it throws, the {@link dev.sorastatus.VideoPoller} that
 * waits for a job to finish, and the {@link dev.sorastatus.VideoDownloader} that fetches its files.
 */
package dev.sorastatus;
