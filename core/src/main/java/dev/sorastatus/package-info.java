/**
 * Where a Sora-style video job stands: the {@link dev.sorastatus.VideoStatusPort}, the domain values it
 * returns, its configuration and the typed errors it throws.
 */
package dev.sorastatus;
