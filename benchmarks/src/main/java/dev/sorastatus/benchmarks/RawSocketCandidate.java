package dev.sorastatus.benchmarks;

import dev.sorastatus.VideoId;
import dev.sorastatus.BenchmarkAccess;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The floor: a keep-alive socket per calling thread, a request written from bytes built once, a response
 * parsed just enough to find its status and {@code Content-Length}, then the same decode as everyone else.
 */
final class RawSocketCandidate implements Candidate {
  private final URI uri;
  private final byte[] request;
  private final VideoId id;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Connection> perThread = ThreadLocal.withInitial(this::connect);

  RawSocketCandidate(URI uri, String apiKey, String userAgent, VideoId id) {
    this.uri = uri;
    this.id = id;
    this.request = ("GET " + uri.getRawPath() + " HTTP/1.1\r\n"
        + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
        + "Authorization: Bearer " + apiKey + "\r\n"
        + "Accept: application/json\r\n"
        + "User-Agent: " + userAgent + "\r\n"
        + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public Object retrieve() throws IOException {
    return BenchmarkAccess.decode(perThread.get().exchange(request), id);
  }

  private Connection connect() {
    try {
      Connection c = new Connection(new Socket(uri.getHost(), uri.getPort()));
      connections.add(c);
      return c;
    } catch (IOException e) {
      throw new IllegalStateException("cannot connect to " + uri, e);
    }
  }

  @Override
  public void close() throws IOException {
    for (Connection c : connections) {
      c.socket.close();
    }
  }

  /** One connection and its read buffer; used by one thread. */
  private static final class Connection {
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

    final byte[] buffer = new byte[16 * 1024];

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      socket.setTcpNoDelay(true);
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /** Sends the request and returns the response body, which must fit the buffer with its headers. */
    byte[] exchange(byte[] request) throws IOException {
      out.write(request);
      int filled = 0;
      int headerEnd = -1;
      while (headerEnd < 0) {
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
          throw new EOFException("connection closed before the headers ended");
        }
        filled += n;
        headerEnd = indexOfBlankLine(buffer, filled);
      }
      int status = (buffer[9] - '0') * 100 + (buffer[10] - '0') * 10 + (buffer[11] - '0');
      if (status != 200) {
        throw new IOException("HTTP " + status);
      }
      int length = contentLength(buffer, headerEnd);
      int bodyStart = headerEnd + 4;
      while (filled < bodyStart + length) {
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
          throw new EOFException("connection closed inside the body");
        }
        filled += n;
      }
      byte[] body = new byte[length];
      System.arraycopy(buffer, bodyStart, body, 0, length);
      return body;
    }

    private static int indexOfBlankLine(byte[] b, int end) {
      for (int i = 0; i + 3 < end; i++) {
        if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
          return i;
        }
      }
      return -1;
    }

    private static int contentLength(byte[] b, int end) throws IOException {
      byte[] name = CONTENT_LENGTH;
      outer:
      for (int i = 0; i + name.length <= end; i++) {
        for (int j = 0; j < name.length; j++) {
          if (Character.toLowerCase(b[i + j]) != name[j]) {
            continue outer;
          }
        }
        int k = i + name.length;
        while (b[k] == ' ') {
          k++;
        }
        int value = 0;
        while (b[k] >= '0' && b[k] <= '9') {
          value = value * 10 + (b[k++] - '0');
        }
        return value;
      }
      throw new IOException("no Content-Length");
    }
  }
}
