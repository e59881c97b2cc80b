/**
 * Test support for code that uses sora-status: {@link dev.sorastatus.testkit.FakeVideoApi}, a fake of the
 * video API that plays scripted jobs in memory or on a loopback HTTP port, {@link dev.sorastatus.testkit.VirtualTime},
 * the JUnit 5 {@link dev.sorastatus.testkit.FakeVideoApiExtension}, AssertJ assertions
 * ({@link dev.sorastatus.testkit.SoraAssertions}), and the contract suite that every
 * {@link dev.sorastatus.VideoStatusPort} implementation passes.
 */
package dev.sorastatus.testkit;
