package dev.sorastatus.transport.apache;

import java.io.IOException;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.protocol.HttpClientContext;

/**
 * One async exchange that the caller may give up on, and the three ways it is stopped when they do.
 *
 * <p>Cancelling HttpClient's future is the documented way, but under load HttpClient 5 can report the
 * cancel as done while the exchange runs on, holding its connection until the response timeout (seen here
 * about once in twenty cancels of a stalled body). So {@link #abandon()} also discards the connection
 * through the exchange's runtime, which {@link #INTERCEPTOR} hands over when the adapter built the client,
 * and the response consumers refuse whatever arrives afterwards, which fails the exchange and drops the
 * connection on any client, including one the caller passed in.
 */
final class InFlight {
  private static final String ATTRIBUTE = InFlight.class.getName();

  /** Registers each exchange's runtime with its {@code InFlight}, so that an abandon can close it now. */
  static final AsyncExecChainHandler INTERCEPTOR = (request, producer, scope, chain, callback) -> {
    Object inFlight = scope.clientContext.getAttribute(ATTRIBUTE);
    if (inFlight instanceof InFlight && !((InFlight) inFlight).attach(scope.execRuntime)) {
      callback.failed(new Abandoned()); // given up before it started: no connection is leased at all
      return;
    }
    chain.proceed(request, producer, scope, callback);
  };

  private final HttpClientContext context = HttpClientContext.create();
  private volatile boolean abandoned;
  private volatile AsyncExecRuntime runtime;
  private volatile Future<?> exchange;

  InFlight() {
    context.setAttribute(ATTRIBUTE, this);
  }

  /** The context to execute the exchange with. */
  HttpClientContext context() {
    return context;
  }

  /** Remembers HttpClient's future of the exchange; abandons it at once if the caller already gave up. */
  void started(Future<?> future) {
    exchange = future;
    if (abandoned) {
      future.cancel(true);
    }
  }

  /** Remembers the exchange's runtime; false if the caller already gave up, and the exchange must not start. */
  private boolean attach(AsyncExecRuntime execRuntime) {
    runtime = execRuntime;
    return !abandoned;
  }

  /** Gives the exchange up: cancels it, drops its connection if it has one, and refuses what arrives next. */
  void abandon() {
    abandoned = true;
    Future<?> future = exchange;
    if (future != null) {
      future.cancel(true);
    }
    AsyncExecRuntime execRuntime = runtime;
    // Only a connected endpoint: discarding one still connecting orphans the socket the reactor then opens,
    // while HttpClient's own cancel of a connect does close it.
    if (execRuntime != null && execRuntime.isEndpointConnected()) {
      execRuntime.discardEndpoint();
    }
  }

  /** Fails the exchange from inside a response consumer once it was abandoned. */
  void refuseIfAbandoned() throws Abandoned {
    if (abandoned) {
      throw new Abandoned();
    }
  }

  /** Fails an exchange that the caller gave up on, so that HttpClient closes its connection. */
  static final class Abandoned extends IOException {
    private static final long serialVersionUID = 1L;

    Abandoned() {
      super("exchange abandoned by the caller", null);
    }
  }
}
