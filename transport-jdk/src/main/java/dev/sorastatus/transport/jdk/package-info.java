/** The HTTP transport over the JDK's own {@code java.net.http.HttpClient}: no dependency beyond core. */
package dev.sorastatus.transport.jdk;
