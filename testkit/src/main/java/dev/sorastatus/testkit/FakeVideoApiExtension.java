package dev.sorastatus.testkit;

import dev.sorastatus.ApiKey;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatusPort;
import dev.sorastatus.spi.HttpTransport;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives every test a fresh {@link FakeVideoApi} with its own {@link VirtualTime},
 * closes it (and its HTTP server, if the test started it) afterwards, and in strict mode fails the test if
 * it read an unscripted job. Register it on a field; it also injects {@link FakeVideoApi} and
 * {@link VirtualTime} parameters. Immutable: the configuring methods return a new extension.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FakeVideoApiExtension api = FakeVideoApiExtension.create();
 *
 * @Test
 * void publishesTheVideoOnceItIsReady() {
 *   VideoId id = api.job().queued().processing(40).completed().create();
 *   assertThat(api.port().retrieve(id)).isQueued();
 *   assertThat(api.retrievals(id)).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>One extension serves one test at a time; with JUnit's parallel execution, register it on an instance
 * field rather than a static one.
 */
public final class FakeVideoApiExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final Dialect dialect;
  private final boolean strict;
  private final long seed;
  private final Faults faults;
  private final String apiKey;
  private volatile FakeVideoApi current;

  private FakeVideoApiExtension(Dialect dialect, boolean strict, long seed, Faults faults, String apiKey) {
    this.dialect = dialect;
    this.strict = strict;
    this.seed = seed;
    this.faults = faults;
    this.apiKey = apiKey;
  }

  /**
   * Returns an extension whose fakes speak OpenAI's dialect, leniently, with seed 0 and no faults.
   *
   * @return the extension
   */
  public static FakeVideoApiExtension create() {
    return new FakeVideoApiExtension(Dialect.OPENAI, false, 0, Faults.none(), FakeVideoApi.DEFAULT_API_KEY);
  }

  /**
   * Returns this extension with fakes in another dialect.
   *
   * @param dialect the dialect
   * @return a new extension
   */
  public FakeVideoApiExtension dialect(Dialect dialect) {
    return new FakeVideoApiExtension(Objects.requireNonNull(dialect, "dialect == null"), strict, seed, faults, apiKey);
  }

  /**
   * Returns this extension with strict fakes: a read of an unscripted job fails the test.
   *
   * @return a new extension
   */
  public FakeVideoApiExtension strict() {
    return new FakeVideoApiExtension(dialect, true, seed, faults, apiKey);
  }

  /**
   * Returns this extension with fakes seeded with {@code seed}.
   *
   * @param seed the seed of ids, content and faults
   * @return a new extension
   */
  public FakeVideoApiExtension seed(long seed) {
    return new FakeVideoApiExtension(dialect, strict, seed, faults, apiKey);
  }

  /**
   * Returns this extension with fakes that inject {@code faults}.
   *
   * @param faults the faults
   * @return a new extension
   */
  public FakeVideoApiExtension faults(Faults faults) {
    return new FakeVideoApiExtension(dialect, strict, seed, Objects.requireNonNull(faults, "faults == null"), apiKey);
  }

  /**
   * Returns this extension with fakes that expect another key.
   *
   * @param apiKey the key
   * @return a new extension
   * @throws IllegalArgumentException if it is not a valid key
   */
  public FakeVideoApiExtension apiKey(String apiKey) {
    ApiKey.of(apiKey); // fail here, not in every test
    return new FakeVideoApiExtension(dialect, strict, seed, faults, apiKey);
  }

  // ---- the running test's fake ---------------------------------------------------------------------------

  /**
   * Returns the running test's fake.
   *
   * @return the fake
   * @throws IllegalStateException if no test is running
   */
  public FakeVideoApi fake() {
    FakeVideoApi api = current;
    if (api == null) {
      throw new IllegalStateException("FakeVideoApiExtension has no fake outside a test; use it in a test or in "
          + "@BeforeEach, and register it with @RegisterExtension");
    }
    return api;
  }

  /**
   * Starts scripting a job on the running test's fake.
   *
   * @return a job builder
   * @see FakeVideoApi#job()
   */
  public FakeVideoApi.JobBuilder job() {
    return fake().job();
  }

  /**
   * Returns the running test's in-memory port.
   *
   * @return the port
   * @see FakeVideoApi#port()
   */
  public SoraClient port() {
    return fake().port();
  }

  /**
   * Returns the running test's in-memory transport.
   *
   * @return the transport
   * @see FakeVideoApi#transport()
   */
  public HttpTransport transport() {
    return fake().transport();
  }

  /**
   * Returns the base URL of the running test's HTTP server, starting it.
   *
   * @return {@code http://127.0.0.1:<port>/v1}
   * @see FakeVideoApi#baseUrl()
   */
  public URI baseUrl() {
    return fake().baseUrl();
  }

  /**
   * Returns a configuration builder for a real transport against the running test's HTTP server.
   *
   * @return the builder
   * @see FakeVideoApi#config()
   */
  public SoraConfig.Builder config() {
    return fake().config();
  }

  /**
   * Returns the running test's virtual time.
   *
   * @return the time
   */
  public VirtualTime time() {
    return fake().time();
  }

  /**
   * Returns how many status reads of {@code id} reached the running test's fake.
   *
   * @param id the job
   * @return the count
   */
  public int retrievals(VideoId id) {
    return fake().retrievals(id);
  }

  /**
   * Returns every request the running test's fake answered, with credentials masked.
   *
   * @return the journal
   */
  public List<RecordedRequest> journal() {
    return fake().journal();
  }

  // ---- JUnit callbacks ------------------------------------------------------------------------------------

  /**
   * Makes a fresh fake for the test.
   *
   * @param context the test's context
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    current = newFake();
  }

  /**
   * Closes the test's fake, failing the test if strict mode caught an unscripted call.
   *
   * @param context the test's context
   */
  @Override
  public void afterEach(ExtensionContext context) {
    finish();
  }

  /**
   * Returns whether the parameter is a {@link FakeVideoApi} or a {@link VirtualTime}.
   *
   * @param parameter the parameter
   * @param context the context
   * @return true for the two injectable types
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FakeVideoApi.class || type == VirtualTime.class;
  }

  /**
   * Returns the running test's fake or its time.
   *
   * @param parameter the parameter
   * @param context the context
   * @return the value
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == VirtualTime.class ? time() : fake();
  }

  FakeVideoApi newFake() {
    return FakeVideoApi.builder().dialect(dialect).strict(strict).seed(seed).faults(faults).apiKey(apiKey).build();
  }

  /** Closes the current fake and checks strict mode; package-private so that its failure can be tested. */
  void finish() {
    FakeVideoApi api = current;
    current = null;
    if (api == null) {
      return;
    }
    try {
      api.assertNoUnscriptedCalls();
    } finally {
      api.close();
    }
  }

  /** Returns the settings, never the key. */
  @Override
  public String toString() {
    return "FakeVideoApiExtension[" + dialect + (strict ? ", strict" : "") + ", seed " + seed + ", " + faults + "]";
  }
}
