/**
 * Test support for code that uses sora-status: fakes of the video API, virtual time, AssertJ assertions,
 * and the contract suite that every {@link dev.sorastatus.VideoStatusPort} implementation passes.
 */
package dev.sorastatus.testkit;
