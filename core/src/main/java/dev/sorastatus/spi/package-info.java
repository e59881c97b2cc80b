/**
 * For implementers of transports only: the byte-moving {@link dev.sorastatus.spi.HttpTransport} each
 * transport module provides, the values it is handed and returns, and the {@link
 * dev.sorastatus.spi.TransportProvider} that {@link java.util.ServiceLoader} finds. The protocol written on
 * top of it lives, package-private, in {@code dev.sorastatus}. Application code does not need this package.
 */
package dev.sorastatus.spi;
