/** Micrometer meters for sora-status, installed in one line as a {@link dev.sorastatus.SoraObserver}. */
package dev.sorastatus.micrometer;
