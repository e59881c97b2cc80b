package dev.sorastatus.testkit;

/** Mixes seeds so that nearby inputs give unrelated streams (SplitMix64's finaliser). */
final class Seeds {
  private Seeds() {}

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
