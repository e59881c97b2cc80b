/**
 * Verified push events (Standard Webhooks signatures, gateway callbacks) that wake a {@code VideoPoller}'s
 * waits at once, while polling stays the source of truth: an event only schedules a read.
 */
package dev.sorastatus.webhooks;
