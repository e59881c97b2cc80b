/**
 * Not API: JSON decoding and redaction used by the protocol. Public only so that other packages of this
 * library can reach it; it may change in any release.
 */
package dev.sorastatus.internal;
