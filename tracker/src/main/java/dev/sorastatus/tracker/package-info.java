/**
 * Tracks many video jobs durably: a {@link dev.sorastatus.tracker.VideoTracker} reads them within a request
 * budget from a {@link dev.sorastatus.tracker.TrackerStore} and hands each outcome to one handler at least once.
 */
package dev.sorastatus.tracker;
