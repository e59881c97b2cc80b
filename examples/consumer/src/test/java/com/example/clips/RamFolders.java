package com.example.clips;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Puts a test's {@code @TempDir} in memory ({@code /dev/shm}) where the machine has it, and in the default
 * temporary folder elsewhere. The service's tests download 1,500 small files; on this project's build machine
 * creating one file on its disk took 0.6 to 1.1 ms, most of those tests' time and almost all of its variance,
 * and none of it the service's or the library's.
 */
final class RamFolders implements TempDirFactory {
  private static final Path SHM = Path.of("/dev/shm");

  @Override
  public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
    if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
      return Files.createTempDirectory(SHM, "clips-test-");
    }
    return Files.createTempDirectory("clips-test-");
  }
}
