package dev.sorastatus.webhooks;

import dev.sorastatus.ApiListing;
import org.junit.jupiter.api.Test;

/** This module's public API is the reviewed file {@code api.txt}: a change to one is made to both. */
class ApiListingTest {
  @Test
  void publicApiMatchesTheCommittedListing() {
    ApiListing.assertMatchesCommitted();
  }
}
