package dev.sorastatus.tracker;

/** The in-memory store passes the store contract. */
class InMemoryTrackerStoreTest extends TrackerStoreContract {
  @Override
  protected TrackerStore createStore() {
    return TrackerStore.inMemory();
  }
}
