package dev.sorastatus.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import dev.sorastatus.DownloadOptions;
import dev.sorastatus.DownloadResult;
import dev.sorastatus.SoraClient;
import dev.sorastatus.SoraConfig;
import dev.sorastatus.Video;
import dev.sorastatus.VideoDownloader;
import dev.sorastatus.VideoId;
import dev.sorastatus.VideoStatus;
import dev.sorastatus.transport.apache.ApacheHttpTransport;
import dev.sorastatus.transport.jdk.JdkHttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Downloads one body of 50 and one of 200 MiB over loopback, from one in-process {@link ContentServer},
 * through {@link VideoDownloader} over each adapter and through a raw socket copy (the socket's input stream
 * into a {@link FileChannel}), in interleaved rounds, and measures MiB/s and heap.
 *
 * <p>Heap is the live heap: the most the heap held right after any collection during the transfer, less what
 * it held (after a full GC) before it; run it with a small {@code -Xmx} so that collections happen often. A
 * download that kept its body would hold it, and with {@code -Xmx64m} a 200 MiB one could not finish at all.
 */
public final class DownloadBench {
  static final String API_KEY = "sk-bench-0000000000000000";
  private static final int COPY_BUFFER = 64 * 1024;

  private final ContentServer server;
  private final Path directory;
  private final HeapWatch gc = new HeapWatch();

  DownloadBench(ContentServer server, Path directory) {
    this.server = server;
    this.directory = directory;
  }

  /** One client under test: it moves {@code mib} MiB from the server into {@code target}. */
  interface Client extends AutoCloseable {
    long download(int mib, Path target) throws Exception;

    @Override
    default void close() {}
  }

  /**
   * Returns a client by name: {@code raw-socket}, {@code raw-socket-sha256} (the same copy plus the SHA-256
   * the downloader computes), {@code raw-socket-durable} (plus the {@code force} to disk the downloader makes
   * before it moves the file into place: the same work, done serially on one thread), {@code sora-jdk}, {@code sora-apache} or {@code openai-sdk} (the official SDK's
   * {@code downloadContent} stream copied into the file).
   */
  Client client(String name) {
    SoraConfig config = SoraConfig.builder()
        .baseUrl("http://127.0.0.1:" + server.port() + "/v1")
        .apiKey(API_KEY)
        .build();
    switch (name) {
      case "raw-socket": return (mib, target) -> rawCopy(mib, target, null, false);
      case "raw-socket-sha256": return (mib, target) -> rawCopy(mib, target, sha256(), false);
      case "raw-socket-durable": return (mib, target) -> rawCopy(mib, target, sha256(), true);
      case "sora-jdk": return downloader(SoraClient.over(config, JdkHttpTransport.create(config)), config);
      case "sora-apache": return downloader(SoraClient.over(config, ApacheHttpTransport.create(config)), config);
      case "openai-sdk": return openAiSdk();
      default: throw new IllegalArgumentException("unknown client " + name);
    }
  }

  private static Client downloader(SoraClient port, SoraConfig config) {
    VideoDownloader downloader = VideoDownloader.create(port);
    DownloadOptions overwrite = DownloadOptions.builder().overwrite(true).build();
    return new Client() {
      @Override
      public long download(int mib, Path target) {
        Video video = Video.builder(VideoId.of(ContentServer.videoId(mib)), VideoStatus.COMPLETED).build();
        DownloadResult result = downloader.download(video, target, overwrite);
        return result.bytes();
      }

      @Override
      public void close() {
        port.close();
      }
    };
  }

  /** The official SDK's {@code downloadContent}, its body stream copied into the file; retries off. */
  private Client openAiSdk() {
    OpenAIClient client = OpenAIOkHttpClient.builder()
        .apiKey(API_KEY)
        .baseUrl("http://127.0.0.1:" + server.port() + "/v1")
        .maxRetries(0)
        .timeout(Duration.ofMinutes(2))
        .build();
    return new Client() {
      @Override
      public long download(int mib, Path target) throws IOException {
        try (HttpResponse response = client.videos().downloadContent(ContentServer.videoId(mib));
            InputStream in = response.body();
            OutputStream out = Files.newOutputStream(target)) {
          return in.transferTo(out);
        }
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  /**
   * Sends one GET on a fresh socket and copies the body into {@code target}, hashing it if asked, and
   * forcing it to disk at the end if asked.
   */
  private long rawCopy(int mib, Path target, MessageDigest digest, boolean force) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        FileChannel file = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + ContentServer.path(mib) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      long length = readContentLength(in);
      byte[] buffer = new byte[COPY_BUFFER];
      ByteBuffer wrapped = ByteBuffer.wrap(buffer);
      long copied = 0;
      while (copied < length) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
        if (n < 0) {
          throw new IOException("body ended after " + copied + " of " + length + " bytes");
        }
        if (digest != null) {
          digest.update(buffer, 0, n);
        }
        wrapped.clear().limit(n);
        while (wrapped.hasRemaining()) {
          file.write(wrapped);
        }
        copied += n;
      }
      if (digest != null) {
        digest.digest();
      }
      if (force) {
        file.force(false);
      }
      return copied;
    }
  }

  /** Reads the response head byte by byte (it is short) and returns its {@code Content-Length}. */
  private static long readContentLength(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the response head");
      }
      head.append((char) b);
    }
    for (String line : head.toString().split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        return Long.parseLong(line.substring(15).trim());
      }
    }
    throw new IOException("no Content-Length in " + head);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** What one transfer measured. */
  record Transfer(String client, int mib, int round, long nanos, long liveHeapGrowth, int collections) {
    double mibPerSecond() {
      return mib / (nanos / 1e9);
    }
  }

  /** Transfers {@code mib} MiB once with {@code client}, to a file it then deletes, and measures it. */
  Transfer measure(String name, Client client, int mib, int round) throws Exception {
    Path target = directory.resolve(name + "-" + mib + ".mp4");
    Files.deleteIfExists(target);
    long before = gc.resetAfterGc();
    long start = System.nanoTime();
    long bytes = client.download(mib, target);
    long nanos = System.nanoTime() - start;
    long live = gc.maxUsedAfterGc();
    int collections = gc.collections();
    if (bytes != (long) mib * ContentServer.MIB || Files.size(target) != bytes) {
      throw new IllegalStateException(name + " moved " + bytes + " bytes (file " + Files.size(target) + ") of "
          + mib + " MiB");
    }
    Files.delete(target);
    return new Transfer(name, mib, round, nanos, collections == 0 ? 0 : Math.max(0, live - before), collections);
  }

  /**
   * Runs the rounds and writes one TSV line per transfer for {@code ResultsReport}.
   *
   * @param args the TSV file, then the number of measured rounds (default 3), then the clients (default
   *     {@code raw-socket raw-socket-sha256 raw-socket-durable sora-jdk sora-apache openai-sdk})
   * @throws Exception if a transfer fails
   */
  public static void main(String[] args) throws Exception {
    Path tsv = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> names = args.length > 2
        ? List.of(args).subList(2, args.length)
        : List.of("raw-socket", "raw-socket-sha256", "raw-socket-durable", "sora-jdk", "sora-apache", "openai-sdk");
    Path directory = Files.createTempDirectory(tsv.toAbsolutePath().getParent(), "downloads-");
    List<Transfer> transfers = new ArrayList<>();
    try (ContentServer server = ContentServer.start()) {
      DownloadBench bench = new DownloadBench(server, directory);
      List<Client> clients = new ArrayList<>();
      for (String name : names) {
        clients.add(bench.client(name));
      }
      for (int i = 0; i < names.size(); i++) { // warm-up: every path once, the JIT compiles the copy loops
        bench.measure(names.get(i), clients.get(i), 50, 0);
      }
      for (int round = 1; round <= rounds; round++) {
        for (int k = 0; k < names.size(); k++) {
          int i = round % 2 == 1 ? k : names.size() - 1 - k; // A B C, then C B A: drift hits all alike
          for (int mib : new int[] {50, 200}) {
            Transfer t = bench.measure(names.get(i), clients.get(i), mib, round);
            transfers.add(t);
            System.out.printf(Locale.ROOT, "download round %d %-18s %3d MiB: %7.1f MiB/s, live heap +%.1f MiB "
                + "(%d GCs)%n", round, t.client(), mib, t.mibPerSecond(), t.liveHeapGrowth() / (double) ContentServer.MIB,
                t.collections());
          }
        }
      }
      clients.forEach(Client::close);
    } finally {
      try (var files = Files.list(directory)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(directory);
    }
    StringBuilder out = new StringBuilder("client\tmib\tround\tnanos\tlive_heap_growth\tcollections\tmax_heap\n");
    for (Transfer t : transfers) {
      out.append(t.client()).append('\t').append(t.mib()).append('\t').append(t.round()).append('\t')
          .append(t.nanos()).append('\t').append(t.liveHeapGrowth()).append('\t').append(t.collections())
          .append('\t').append(Runtime.getRuntime().maxMemory()).append('\n');
    }
    Files.writeString(tsv, out, StandardCharsets.UTF_8);
  }
}
