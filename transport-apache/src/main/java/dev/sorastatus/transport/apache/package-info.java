/** The HTTP transport over Apache HttpClient 5's pooled classic client. */
package dev.sorastatus.transport.apache;
