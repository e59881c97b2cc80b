/** Guice wiring for sora-status: one module that binds the port and the poller, every default replaceable. */
package dev.sorastatus.guice;
