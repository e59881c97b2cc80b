/** The video status port over Apache HttpClient 5: pooled classic calls, and async calls without a thread each. */
package dev.sorastatus.transport.apache;
