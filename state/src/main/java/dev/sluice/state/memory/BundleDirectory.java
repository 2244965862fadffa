package dev.sluice.state.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory {@code <root>/<operatorId>/bundles/} of one operator's {@link DeltaBundle}s, named
 * {@code <version>.<firstKeyGroup>-<lastKeyGroup>.bundle}. Thread-safe: the tasks of a batch commit
 * their bundles in parallel and open stores while others commit.
 *
 * <p>A re-run of a batch may split the key groups differently from the abandoned run (another
 * partition count), so a bundle is replaced by deleting every bundle of its version or later whose
 * key-group range overlaps it. The ranges of one run never overlap, so a task only ever deletes
 * what an abandoned run left.
 */
final class BundleDirectory {
  private static final Pattern FILE =
      Pattern.compile("(0|[1-9][0-9]{0,18})\\.(0|[1-9][0-9]{0,4})-(0|[1-9][0-9]{0,4})\\.bundle");

  /** One bundle file: its version and the key groups {@code [first, last]} it covers. */
  record Bundle(long version, int first, int last, Path path) {
    boolean covers(int keyGroup) {
      return first <= keyGroup && keyGroup <= last;
    }

    boolean overlaps(int otherFirst, int otherLast) {
      return first <= otherLast && otherFirst <= last;
    }
  }

  final Path path;
  private boolean exists;

  BundleDirectory(Path operatorDirectory) {
    this.path = operatorDirectory.resolve("bundles");
  }

  Path bundlePath(long version, int first, int last) {
    return path.resolve(version + "." + first + "-" + last + DeltaBundle.SUFFIX);
  }

  /** Every bundle on disk, by version. */
  synchronized NavigableMap<Long, List<Bundle>> list() {
    NavigableMap<Long, List<Bundle>> bundles = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
      exists = true;
      for (Path file : files) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (m.matches()) {
          Bundle bundle =
              new Bundle(
                  Long.parseLong(m.group(1)),
                  Integer.parseInt(m.group(2)),
                  Integer.parseInt(m.group(3)),
                  file);
          bundles.computeIfAbsent(bundle.version(), v -> new ArrayList<>()).add(bundle);
        }
      }
    } catch (NoSuchFileException e) {
      exists = false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list state directory " + path, e);
    }
    return bundles;
  }

  /** Creates the directory (durably) if it does not exist yet. */
  synchronized void create() {
    if (exists) {
      return;
    }
    try {
      if (!Files.isDirectory(path)) {
        Files.createDirectories(path);
        StateFiles.syncDirectory(path.getParent());
      }
      exists = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create state directory " + path, e);
    }
  }

  /**
   * Before a bundle of {@code version} covering {@code [first, last]} is written: deletes the
   * bundles of that version or later overlapping it, and leftover temp files of the same name.
   */
  synchronized void discardOverlapping(long version, int first, int last) {
    boolean deleted = false;
    for (List<Bundle> bundles : list().tailMap(version, true).values()) {
      for (Bundle bundle : bundles) {
        if (bundle.overlaps(first, last)) {
          delete(bundle.path());
          deleted = true;
        }
      }
    }
    delete(path.resolve("." + bundlePath(version, first, last).getFileName() + ".tmp"));
    if (deleted) {
      StateFiles.syncDirectory(path);
    }
  }

  /**
   * Deletes the bundles of versions up to {@code upTo} that lie within {@code [first, last]}: the
   * caller knows that no key group of that range needs them to load a retained version. Bundles
   * reaching outside the range (left by a run with other partitions) stay for {@code
   * doMaintenance}, which sees every key group.
   *
   * @return the number of files deleted
   */
  synchronized int deleteUpTo(long upTo, int first, int last) {
    int count = 0;
    for (List<Bundle> bundles : list().headMap(upTo, true).values()) {
      for (Bundle bundle : bundles) {
        if (first <= bundle.first() && bundle.last() <= last) {
          delete(bundle.path());
          count++;
        }
      }
    }
    return count;
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete state file " + file, e);
    }
  }
}
