package dev.sorastatus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sorastatus.VideoId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code realMedia()} serves files a player opens: checked box by box, and by ffprobe where it is installed. */
class RealMediaTest {

  private static byte[] served(String variant) {
    try (FakeVideoApi api = FakeVideoApi.create()) {
      VideoId id = api.job().completed().realMedia().create();
      return api.content(id, variant);
    }
  }

  /** Returns the type and size of each box in {@code bytes[from..to)}, checking that they tile it exactly. */
  private static List<String> boxes(byte[] bytes, int from, int to) {
    List<String> found = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(bytes, from, to - from);
    while (b.hasRemaining()) {
      assertThat(b.remaining()).as("room for a box header").isGreaterThanOrEqualTo(8);
      int start = b.position();
      long size = Integer.toUnsignedLong(b.getInt());
      String type = new String(bytes, b.position(), 4, StandardCharsets.US_ASCII);
      assertThat(size).as(type + " size").isBetween(8L, (long) to - start);
      found.add(type + "@" + start + "+" + size);
      b.position(start + (int) size);
    }
    assertThat(b.position()).isEqualTo(to);
    return found;
  }

  private static int[] box(byte[] bytes, List<String> boxes, String type) {
    String entry = boxes.stream().filter(e -> e.startsWith(type + "@")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " box in " + boxes));
    int start = Integer.parseInt(entry.substring(entry.indexOf('@') + 1, entry.indexOf('+')));
    int size = Integer.parseInt(entry.substring(entry.indexOf('+') + 1));
    return new int[] {start + 8, start + size};
  }

  @Test
  void theVideoIsAFastStartMp4WithOneH264Track() {
    byte[] mp4 = served("video");

    List<String> top = boxes(mp4, 0, mp4.length);
    assertThat(top.get(0)).startsWith("ftyp@0+");
    assertThat(top.stream().map(e -> e.substring(0, 4))).containsSubsequence("ftyp", "moov", "mdat");
    int[] moov = box(mp4, top, "moov");
    List<String> inMoov = boxes(mp4, moov[0], moov[1]);
    assertThat(inMoov.stream().filter(e -> e.startsWith("trak@"))).hasSize(1);
    int[] trak = box(mp4, inMoov, "trak");
    int[] mdia = box(mp4, boxes(mp4, trak[0], trak[1]), "mdia");
    int[] minf = box(mp4, boxes(mp4, mdia[0], mdia[1]), "minf");
    int[] stbl = box(mp4, boxes(mp4, minf[0], minf[1]), "stbl");
    int[] stsd = box(mp4, boxes(mp4, stbl[0], stbl[1]), "stsd");
    assertThat(new String(mp4, stsd[0] + 12, 4, StandardCharsets.US_ASCII)).isEqualTo("avc1"); // after version, count, size
    assertThat(mp4.length).isLessThanOrEqualTo(300 * 1024);
  }

  @Test
  void theThumbnailIsAWebpAndTheSpriteSheetAJpeg() {
    byte[] webp = served("thumbnail");
    byte[] jpeg = served("spritesheet");

    assertThat(new String(webp, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(new String(webp, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
    assertThat(ByteBuffer.wrap(webp, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(webp.length - 8);
    assertThat(jpeg[0] & 0xff).isEqualTo(0xFF);
    assertThat(jpeg[1] & 0xff).isEqualTo(0xD8);
    assertThat(jpeg[jpeg.length - 2] & 0xff).isEqualTo(0xFF);
    assertThat(jpeg[jpeg.length - 1] & 0xff).isEqualTo(0xD9);
  }

  @Test
  void seededBytesStayTheDefault() {
    try (FakeVideoApi api = FakeVideoApi.create()) {
      VideoId id = api.job().completed().create();

      assertThat(api.content(id)).hasSize(FakeVideoApi.DEFAULT_CONTENT_BYTES);
    }
  }

  @Test
  @Timeout(60)
  void ffprobeReadsFourSecondsOfH264WhereItIsInstalled(@TempDir Path dir) throws Exception {
    assumeTrue(onPath("ffprobe"), "ffprobe is not installed");
    Path file = Files.write(dir.resolve("demo.mp4"), served("video"));
    Path out = dir.resolve("probe.txt");

    Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries",
        "stream=codec_name,width,height:format=duration", "-of", "default=noprint_wrappers=1", file.toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(probe.exitValue()).isZero();
      assertThat(Files.readString(out)).contains("codec_name=h264", "width=640", "height=360", "duration=4.0");
    } finally {
      probe.destroyForcibly();
    }
  }

  private static boolean onPath(String program) throws IOException {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
