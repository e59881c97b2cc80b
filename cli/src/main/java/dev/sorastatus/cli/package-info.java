/** The {@code sora-status} command: get, wait for and download video jobs from a terminal or a script. */
package dev.sorastatus.cli;
