/** JMH benchmarks of sora-status against the raw HTTP stacks and the official SDK, and their report; not API. */
package dev.sorastatus.benchmarks;
