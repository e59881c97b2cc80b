package dev.sorastatus.guice;

import dev.sorastatus.SoraClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Closes what {@link SoraStatusModule} created in one injector: the discovered port's HTTP client, and the
 * tracker {@link TrackerModule} created (before the client, so its reads stop first). The
 * poller and downloader it created hold no resources, but are refused after closing, like the port. Nothing
 * the caller bound or passed in is closed. Inject it and call {@link #close()} when the application stops.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(SoraStatusModule.create());
 * ...
 * injector.getInstance(SoraStatusShutdown.class).close();
 * }</pre>
 */
public final class SoraStatusShutdown implements AutoCloseable {
  private final List<AutoCloseable> created = new ArrayList<>();
  private SoraClient client;
  private final Map<Class<?>, Object> shared = new HashMap<>();
  private boolean closed;

  SoraStatusShutdown() {}

  /** Returns the client this injector created, creating it on first use. */
  synchronized SoraClient client(Supplier<SoraClient> factory) {
    if (closed) {
      throw new IllegalStateException("sora-status was shut down (SoraStatusShutdown.close() was called)");
    }
    if (client == null) {
      client = factory.get();
      created.add(client);
    }
    return client;
  }

  /** Returns this injector's one {@code type}, creating it on first use; it holds nothing to close. */
  synchronized <T> T once(Class<T> type, Supplier<T> factory) {
    if (closed) {
      throw new IllegalStateException("sora-status was shut down (SoraStatusShutdown.close() was called)");
    }
    return type.cast(shared.computeIfAbsent(type, t -> factory.get()));
  }

  /** Returns this injector's one {@code type}, creating it on first use, and closes it on {@link #close()}. */
  synchronized <T extends AutoCloseable> T closing(Class<T> type, Supplier<T> factory) {
    if (closed) {
      throw new IllegalStateException("sora-status was shut down (SoraStatusShutdown.close() was called)");
    }
    return type.cast(shared.computeIfAbsent(type, t -> {
      T made = factory.get();
      created.add(made);
      return made;
    }));
  }

  /**
   * Closes everything the module created, in reverse order of creation. Idempotent.
   *
   * @throws IllegalStateException if closing something failed; every resource is still attempted
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    IllegalStateException failure = null;
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        created.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing a sora-status resource failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    created.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Returns whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public synchronized boolean isClosed() {
    return closed;
  }
}
