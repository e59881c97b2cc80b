package dev.sorastatus;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the video API is and how to talk to it: base URL, API key, timeouts, response size limit, extra
 * headers, the retry policy and the clock and scheduler that time is read and waited with. Immutable and
 * validated when built, so that a bad setting fails at start-up rather than on the first request.
 * {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * SoraConfig config = SoraConfig.builder()
 *     .baseUrl(URI.create("https://gateway.example.com/v1"))
 *     .apiKey(System.getenv("SORA_API_KEY"))
 *     .build();
 * }</pre>
 */
public final class SoraConfig {
  /** The default time allowed to open a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** The default time allowed for one request, headers and body. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** The default largest status response accepted: 1 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
  /** The default number of requests to the API in flight at once: 64, as many as the Apache pool holds. */
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;

  private static final Set<String> RESERVED_HEADERS = Set.of(
      "authorization", "accept", "user-agent", "host", "connection", "content-length", "expect",
      "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-authorization");

  private static final Set<String> RESERVED_QUERY = Set.of("after", "limit", "order", "variant");

  private final URI baseUrl;
  private final ApiKey apiKey;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final long maxResponseBytes;
  private final int maxConcurrentRequests;
  private final Map<String, String> extraHeaders;
  private final Authentication authentication;
  private final Map<String, String> queryParameters;
  private final Clock clock;
  private final RetryPolicy retryPolicy;
  private final TaskScheduler scheduler;
  private final GuardedObserver observer;

  private SoraConfig(Builder b) {
    this.baseUrl = b.baseUrl;
    this.apiKey = b.apiKey;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxResponseBytes = b.maxResponseBytes;
    this.maxConcurrentRequests = b.maxConcurrentRequests;
    this.extraHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraHeaders));
    this.authentication = b.authentication;
    this.queryParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.queryParameters));
    this.clock = b.clock;
    this.retryPolicy = b.retryPolicy;
    this.scheduler = b.scheduler;
    this.observer = b.observer;
  }

  /**
   * Returns a builder holding the base URL and API key found in the environment: {@code SORA_BASE_URL} and
   * {@code SORA_API_KEY}, each falling back to {@code OPENAI_BASE_URL} and {@code OPENAI_API_KEY}. Other
   * settings keep their defaults and may still be changed. The Guice module and the command line read the
   * environment this way, when a configuration is needed and never at wiring time.
   *
   * <pre>{@code
   * SoraConfig config = SoraConfig.fromEnvironment(System::getenv).build();
   * }</pre>
   *
   * @param getenv looks a variable up, returning null when it is unset (such as {@code System::getenv})
   * @return the builder
   * @throws NullPointerException if {@code getenv} is null
   * @throws IllegalStateException if no base URL or no key is set; the message names the variables
   * @throws IllegalArgumentException if a value is set but invalid (the key is never quoted)
   */
  public static Builder fromEnvironment(Function<String, String> getenv) {
    return SoraEnvironment.read(getenv);
  }

  /**
   * Returns a builder; {@link Builder#baseUrl(URI)} and {@link Builder#apiKey(String)} are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this configuration's values.
   *
   * @return a builder initialised from this configuration
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.baseUrl = baseUrl;
    b.apiKey = apiKey;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.maxResponseBytes = maxResponseBytes;
    b.maxConcurrentRequests = maxConcurrentRequests;
    b.extraHeaders.putAll(extraHeaders);
    b.authentication = authentication;
    b.queryParameters.putAll(queryParameters);
    b.clock = clock;
    b.retryPolicy = retryPolicy;
    b.scheduler = scheduler;
    b.observer = observer;
    return b;
  }

  /**
   * Returns the base URL without a trailing slash, such as {@code https://host/openai/v1}.
   *
   * @return the normalised base URL
   */
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * Returns the API key; its {@code toString()} is masked.
   *
   * @return the key
   */
  public ApiKey apiKey() {
    return apiKey;
  }

  /**
   * Returns the time allowed to open a connection.
   *
   * @return a positive duration
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Returns the time allowed for one request, from sending it to the last byte of the body.
   *
   * @return a positive duration
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * Returns the largest status response body accepted, in bytes; a larger one fails rather than being
   * truncated.
   *
   * @return a positive byte count
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Returns how many status requests to the API may be in flight at once, over every call of one port;
   * beyond it a call queues, holding no thread when it is asynchronous, until a request ends.
   *
   * @return a positive count
   */
  public int maxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  /**
   * Returns the extra headers sent with every request, in the order they were added.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> extraHeaders() {
    return extraHeaders;
  }

  /**
   * Returns how the API key is sent: {@code Authorization: Bearer} unless set otherwise.
   *
   * @return the authentication
   */
  public Authentication authentication() {
    return authentication;
  }

  /**
   * Returns the query parameters added to every request to the API (status, listing and content), in the
   * order they were added; never to a download URL on another host.
   *
   * @return an unmodifiable map, empty unless set
   */
  public Map<String, String> queryParameters() {
    return queryParameters;
  }

  /** Puts the header that carries the API key into {@code headers}; only the protocol calls it. */
  void putCredential(Map<String, String> headers) {
    headers.put(authentication.headerName(), authentication.headerValue(apiKey));
  }

  /** Returns the configured query parameters as {@code &name=value...}, encoded, or an empty string. */
  String encodedQuerySuffix() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> p : queryParameters.entrySet()) {
      sb.append('&').append(Urls.encodeQueryComponent(p.getKey()))
          .append('=').append(Urls.encodeQueryComponent(p.getValue()));
    }
    return sb.toString();
  }

  /**
   * Returns the clock used to judge expiry, HTTP-date delays and the per-call deadline.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns when and how long calls are retried.
   *
   * @return the retry policy
   */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /**
   * Returns how calls wait between attempts: asynchronous ones with a scheduled task, without holding a
   * thread; blocking ones with {@link TaskScheduler#sleep(Duration)}.
   *
   * @return the scheduler
   */
  public TaskScheduler scheduler() {
    return scheduler;
  }

  /**
   * Returns what is told of each read, retry, rate limit and download of the client built from this
   * configuration, and of each wait of a poller over that client.
   *
   * @return the observer; {@link SoraObserver#none()} unless set
   */
  public SoraObserver observer() {
    return observer.delegate();
  }

  /** Returns the observer as the library calls it, its exceptions caught. */
  GuardedObserver guardedObserver() {
    return observer;
  }

  /**
   * Returns the {@code User-Agent} this library sends, such as {@code sora-status/0.1.0}.
   *
   * @return the user agent
   */
  public String userAgent() {
    return "sora-status/" + Versions.LIBRARY;
  }

  /** Returns the settings with the key masked. */
  @Override
  public String toString() {
    return "SoraConfig[baseUrl=" + baseUrl
        + ", apiKey=" + apiKey
        + ", connectTimeout=" + connectTimeout
        + ", requestTimeout=" + requestTimeout
        + ", maxResponseBytes=" + maxResponseBytes
        + ", maxConcurrentRequests=" + maxConcurrentRequests
        + ", authentication=" + authentication
        + ", extraHeaders=" + extraHeaders.keySet()
        + ", queryParameters=" + queryParameters.keySet()
        + ", retryPolicy=" + retryPolicy
        + ", clock=" + clock
        + ", observer=" + observer + "]";
  }

  /**
   * Returns whether {@code host} names this machine literally ({@code localhost}, {@code 127.x.x.x},
   * {@code ::1}); no name is resolved.
   */
  static boolean isLoopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /** Builds a {@link SoraConfig}; each setter validates its argument, {@link #build()} the whole. */
  public static final class Builder {
    private URI baseUrl;
    private ApiKey apiKey;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    private Authentication authentication = Authentication.bearer();
    private final Map<String, String> queryParameters = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private TaskScheduler scheduler = TaskScheduler.system();
    private GuardedObserver observer = GuardedObserver.NO_OP;

    private Builder() {}

    /**
     * Sets the API's base URL, such as {@code https://api.openai.com/v1} or
     * {@code https://gateway.example.com/openai/v1}; a trailing slash makes no difference.
     *
     * @param baseUrl an absolute {@code https} URL, or {@code http} on a loopback host
     * @return this builder
     * @throws NullPointerException if {@code baseUrl} is null
     * @throws IllegalArgumentException if it is relative, not http(s), plain {@code http} to a host that
     *     is not loopback, or carries credentials, a query or a fragment
     */
    public Builder baseUrl(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl == null");
      String scheme = baseUrl.getScheme();
      if (scheme == null || baseUrl.getHost() == null) {
        throw new IllegalArgumentException("baseUrl must be absolute with a host, like https://api.example.com/v1");
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw new IllegalArgumentException("baseUrl scheme must be https but was " + scheme);
      }
      if (scheme.equals("http") && !isLoopbackHost(baseUrl.getHost())) {
        throw new IllegalArgumentException(
            "baseUrl must use https: plain http is allowed only on a loopback host, not " + baseUrl.getHost());
      }
      if (baseUrl.getRawUserInfo() != null) {
        throw new IllegalArgumentException("baseUrl must not carry credentials; set apiKey instead");
      }
      if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
        throw new IllegalArgumentException("baseUrl must not have a query or fragment");
      }
      String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      this.baseUrl = URI.create(scheme + "://" + baseUrl.getRawAuthority() + path);
      return this;
    }

    /**
     * Sets the base URL from a string.
     *
     * @param baseUrl the URL, see {@link #baseUrl(URI)}
     * @return this builder
     * @throws IllegalArgumentException if it is not a valid URL or is refused by {@link #baseUrl(URI)}
     */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl == null");
      return baseUrl(URI.create(baseUrl.trim()));
    }

    /**
     * Sets the API key.
     *
     * @param apiKey the secret
     * @return this builder
     * @throws NullPointerException if {@code apiKey} is null (for example an unset environment variable)
     * @throws IllegalArgumentException if it is blank or holds white space or control characters
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = ApiKey.of(apiKey);
      return this;
    }

    /**
     * Sets the API key.
     *
     * @param apiKey the key
     * @return this builder
     */
    public Builder apiKey(ApiKey apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
      return this;
    }

    /**
     * Sets the time allowed to open a connection (default 10 s).
     *
     * @param connectTimeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the time allowed for one request, headers and body (default 30 s).
     *
     * @param requestTimeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Sets the largest status response accepted (default 1 MiB).
     *
     * @param maxResponseBytes a positive byte count
     * @return this builder
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be > 0 but was " + maxResponseBytes);
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /**
     * Sets how many status requests to the API may be in flight at once (default 64, the Apache transport's
     * pool size). Calls beyond it wait in line for a request to end; an asynchronous one holds no thread
     * while it waits. A {@link SoraClient} starts at most this many worker threads, and each transport opens
     * about as many connections.
     *
     * @param maxConcurrentRequests a positive count
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      if (maxConcurrentRequests <= 0) {
        throw new IllegalArgumentException("maxConcurrentRequests must be > 0 but was " + maxConcurrentRequests);
      }
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    /**
     * Adds a header sent with every request, such as a gateway's routing header.
     *
     * @param name a header name; not one this library or HTTP itself sets ({@code Authorization},
     *     {@code Accept}, {@code User-Agent}, {@code Host}, {@code Content-Length}, ...)
     * @param value the value, without line breaks
     * @return this builder
     * @throws IllegalArgumentException if the name is reserved or not a token, or the value has a
     *     control character
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      if (name.isEmpty() || !name.chars().allMatch(SoraConfig::isTokenChar)) {
        throw new IllegalArgumentException("header name '" + name + "' is not a valid HTTP token");
      }
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header " + name + " is set by sora-status and cannot be overridden");
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw new IllegalArgumentException("value of header " + name + " has a control character at index " + i);
        }
      }
      extraHeaders.put(name, value);
      return this;
    }

    /**
     * Sets how the API key is sent (default {@link Authentication#bearer()}): Azure OpenAI's resource keys
     * need {@link Authentication#apiKeyHeader()}.
     *
     * @param authentication the header that carries the key
     * @return this builder
     * @throws NullPointerException if {@code authentication} is null
     */
    public Builder authentication(Authentication authentication) {
      this.authentication = Objects.requireNonNull(authentication, "authentication == null");
      return this;
    }

    /**
     * Adds a query parameter sent with every request to the API, such as the {@code api-version} some Azure
     * deployments need; setting a name again replaces its value. It is not meant for secrets (URLs appear in
     * logs and errors): put a key in {@link #authentication(Authentication)} instead.
     *
     * @param name the parameter's name, not empty and not one the library sets ({@code after}, {@code limit},
     *     {@code order}, {@code variant})
     * @param value its value, possibly empty; it is percent-encoded as needed
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is empty or reserved, or either has a control character
     */
    public Builder queryParameter(String name, String value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("query parameter name is empty");
      }
      if (RESERVED_QUERY.contains(name)) {
        throw new IllegalArgumentException("query parameter " + name + " is set by sora-status per request");
      }
      checkNoControl("query parameter name", name);
      checkNoControl("value of query parameter " + name, value);
      queryParameters.put(name, value);
      return this;
    }

    private static void checkNoControl(String what, String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < 0x20 || c == 0x7f) {
          throw new IllegalArgumentException(what + " has a control character at index " + i);
        }
      }
    }

    /**
     * Sets the clock used to judge expiry, HTTP-date delays and the per-call deadline (default the UTC
     * system clock).
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets when and how long calls are retried (default {@link RetryPolicy#defaults()}: 3 attempts, a
     * 2 min deadline); {@link RetryPolicy#none()} makes every call a single attempt.
     *
     * @param retryPolicy the policy
     * @return this builder
     * @throws NullPointerException if {@code retryPolicy} is null
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * Sets how calls wait between attempts: asynchronous ones schedule a task, blocking ones
     * {@linkplain TaskScheduler#sleep(Duration) sleep} (default {@link TaskScheduler#system()}, one shared
     * daemon thread and {@link Thread#sleep}); tests pass virtual time, which does both.
     *
     * @param scheduler the scheduler
     * @return this builder
     * @throws NullPointerException if {@code scheduler} is null
     */
    public Builder scheduler(TaskScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    /**
     * Sets what is told of each read, retry, rate limit and download of the client built from this
     * configuration, and of each wait of a poller over that client (default {@link SoraObserver#none()}):
     * one line installs metrics everywhere.
     *
     * <pre>{@code
     * SoraConfig config = SoraConfig.fromEnvironment(System::getenv)
     *     .observer(SoraMetrics.create(meterRegistry))   // sora-status-micrometer
     *     .build();
     * }</pre>
     *
     * @param observer the observer; its exceptions are logged and ignored
     * @return this builder
     * @throws NullPointerException if {@code observer} is null
     */
    public Builder observer(SoraObserver observer) {
      this.observer = GuardedObserver.of(Objects.requireNonNull(observer, "observer == null"));
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @return a new immutable configuration
     * @throws IllegalStateException if the base URL or the API key was not set
     */
    public SoraConfig build() {
      if (baseUrl == null) {
        throw new IllegalStateException("baseUrl is required, like https://api.openai.com/v1");
      }
      if (apiKey == null) {
        throw new IllegalStateException("apiKey is required");
      }
      for (String name : extraHeaders.keySet()) {
        if (name.equalsIgnoreCase(authentication.headerName())) {
          throw new IllegalStateException("header " + name + " carries the API key (see authentication);"
              + " it cannot also be set with header()");
        }
      }
      return new SoraConfig(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive but was " + d);
      }
      return d;
    }

  }

  /** Returns whether {@code c} may appear in an HTTP header name (RFC 9110's {@code tchar}). */
  static boolean isTokenChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** Reads the library version that the build wrote into the jar. */
  static final class Versions {
    static final String LIBRARY = load();

    private Versions() {}

    private static String load() {
      try (InputStream in = SoraConfig.class.getResourceAsStream("version.properties")) {
        if (in == null) {
          return "dev";
        }
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "dev");
        return v.startsWith("$") ? "dev" : v;
      } catch (IOException e) {
        return "dev";
      }
    }
  }
}
