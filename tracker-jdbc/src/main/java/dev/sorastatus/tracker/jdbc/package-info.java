/**
 * Keeps the tracker's jobs in PostgreSQL (for a fleet) or H2 (one process) over plain JDBC.
 */
package dev.sorastatus.tracker.jdbc;
