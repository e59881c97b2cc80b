/**
 * For implementers of transports: the byte-moving {@link dev.sorastatus.spi.HttpTransport} each transport
 * module provides, and {@link dev.sorastatus.spi.HttpVideoStatusPort}, the protocol written once on top of it;
 * for downloads, {@link dev.sorastatus.spi.StreamingTransport} and {@link dev.sorastatus.spi.HttpVideoContentPort}.
 * Application code does not need this package.
 */
package dev.sorastatus.spi;
