/**
 * For implementers of transports only: the {@link dev.sorastatus.spi.HttpTransport} that starts one
 * {@link dev.sorastatus.spi.Exchange} per request, the values it is handed and returns, and the {@link
 * dev.sorastatus.spi.TransportProvider} that {@link java.util.ServiceLoader} finds. The protocol written on
 * top of it lives, package-private, in {@code dev.sorastatus}. Application code does not need this package.
 */
package dev.sorastatus.spi;
