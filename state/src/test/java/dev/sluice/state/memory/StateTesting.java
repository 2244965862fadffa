package dev.sluice.state.memory;

import dev.sluice.state.StateEntry;
import dev.sluice.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Helpers shared by the state store tests. */
final class StateTesting {
  private StateTesting() {}

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static TreeMap<byte[], byte[]> newReference() {
    return new TreeMap<>(Arrays::compareUnsigned);
  }

  static List<StateEntry> entries(Map<byte[], byte[]> reference) {
    List<StateEntry> out = new ArrayList<>();
    reference.forEach((k, v) -> out.add(new StateEntry(k, v)));
    return out;
  }

  static List<StateEntry> contents(StateStore store) {
    return drain(store.iterator());
  }

  static List<StateEntry> drain(Iterator<StateEntry> it) {
    List<StateEntry> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  /** The names of the regular files under {@code dir}, relative, sorted. */
  static TreeSet<String> files(Path dir) {
    TreeSet<String> names = new TreeSet<>();
    if (!Files.exists(dir)) {
      return names;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile)
          .forEach(p -> names.add(dir.relativize(p).toString().replace('\\', '/')));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }
}
