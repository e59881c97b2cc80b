package dev.sorastatus;

import static dev.sorastatus.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonCursor} replaced Moshi's strict reader for status and error bodies; this holds it to Moshi's
 * verdict on many seeded mutations of real bodies: a document one accepts, the other accepts too, and a
 * document one rejects, the other rejects. A disagreement prints the document, so it can join
 * {@link JsonCursorTest}.
 */
class JsonCursorDifferentialTest {
  private static final int MUTANTS_PER_SEED = 4_000;

  private static final String[] SEEDS = {
      "{\"id\":\"video_68d7\",\"object\":\"video\",\"created_at\":1758941485,\"status\":\"in_progress\","
          + "\"model\":\"sora-2\",\"progress\":33,\"seconds\":\"8\",\"size\":\"1280x720\",\"error\":null}",
      "{\"task_id\":\"t-1\",\"status\":\"SUCCESS\",\"progress\":\"100%\",\"data\":{\"meta_data\":{\"url\":"
          + "\"https://cdn.example.com/v.mp4?sig=a%2Fb\"},\"video_url\":\"https://x/y\"},\"fail_reason\":\"\"}",
      "{\"error\":{\"message\":\"Video not found \\u00e9 \\\"x\\\"\",\"type\":\"invalid_request_error\","
          + "\"code\":\"video_not_found\",\"param\":null},\"extra\":[1,-2.5e3,true,FALSE,[],{}]}",
      "[{\"a\":[[],[{}]],\"b\":\"\\ud83d\\ude00\"},0,-0.0,1E+2,null]",
  };

  /** Bytes the mutations insert: the structural ones, and the ones strictness is about. */
  private static final byte[] ALPHABET = utf8("{}[]\":,\\ \n\t0123456789-+.eEtrufalsnTRUFALSN/'#xu\u00e9");

  @Test
  void acceptsExactlyWhatMoshisStrictReaderAccepts() {
    Random random = new Random(20261129);
    List<String> disagreements = new ArrayList<>();
    int accepted = 0;
    int total = 0;
    for (String seed : SEEDS) {
      byte[] original = utf8(seed);
      assertThat(cursorAccepts(original)).as("seed %s", seed).isTrue();
      assertThat(moshiAccepts(original)).as("seed %s", seed).isTrue();
      for (int i = 0; i < MUTANTS_PER_SEED; i++) {
        byte[] mutant = mutate(original, random, 1 + random.nextInt(3));
        boolean ours = cursorAccepts(mutant);
        boolean moshi = moshiAccepts(mutant);
        total++;
        if (ours) {
          accepted++;
        }
        if (ours != moshi && disagreements.size() < 10) {
          disagreements.add((ours ? "only JsonCursor accepts: " : "only Moshi accepts: ")
              + new String(mutant, StandardCharsets.UTF_8));
        }
      }
    }
    assertThat(disagreements).as("documents the two readers judge differently").isEmpty();
    // the mutations must exercise both verdicts, or the comparison proves nothing
    assertThat(accepted).as("accepted mutants of %d", total).isBetween(total / 50, total - total / 50);
  }

  private static byte[] mutate(byte[] original, Random random, int edits) {
    byte[] b = original;
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(b.length + 1);
      switch (random.nextInt(3)) {
        case 0: { // delete a byte
          if (b.length == 0 || at == b.length) {
            break;
          }
          byte[] shorter = new byte[b.length - 1];
          System.arraycopy(b, 0, shorter, 0, at);
          System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
          b = shorter;
          break;
        }
        case 1: { // insert a byte
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, at);
          longer[at] = ALPHABET[random.nextInt(ALPHABET.length)];
          System.arraycopy(b, at, longer, at + 1, b.length - at);
          b = longer;
          break;
        }
        default: { // replace a byte
          if (at == b.length) {
            break;
          }
          b = b.clone();
          b[at] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
      }
    }
    return b;
  }

  /** Reads every value the way the decoders do: names and strings decoded, scalars read, the rest walked. */
  private static boolean cursorAccepts(byte[] json) {
    try {
      JsonCursor c = new JsonCursor(json);
      readCursorValue(c);
      return c.peek() == JsonCursor.Token.END_DOCUMENT;
    } catch (JsonFormatException e) {
      return false;
    }
  }

  private static final JsonCursor.Names NO_NAMES = new JsonCursor.Names();

  private static void readCursorValue(JsonCursor c) {
    switch (c.peek()) {
      case BEGIN_OBJECT:
        if (c.beginObject()) {
          do {
            c.nextName(NO_NAMES);
            readCursorValue(c);
          } while (c.nextMember());
        }
        return;
      case BEGIN_ARRAY:
        c.skipValue();
        return;
      default:
        c.scalar();
    }
  }

  private static boolean moshiAccepts(byte[] json) {
    try (JsonReader r = JsonReader.of(new Buffer().write(json))) {
      r.setLenient(false);
      readMoshiValue(r);
      return r.peek() == JsonReader.Token.END_DOCUMENT;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void readMoshiValue(JsonReader r) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT:
        r.beginObject();
        while (r.hasNext()) {
          r.nextName();
          readMoshiValue(r);
        }
        r.endObject();
        return;
      case BEGIN_ARRAY:
        r.skipValue();
        return;
      case STRING:
      case NUMBER:
        r.nextString();
        return;
      case BOOLEAN:
        r.nextBoolean();
        return;
      case NULL:
        r.nextNull();
        return;
      default:
        throw new IOException("unexpected " + r.peek());
    }
  }
}
