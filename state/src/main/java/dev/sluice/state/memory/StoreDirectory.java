package dev.sluice.state.memory;

import dev.sluice.state.StateCorruptedException;
import dev.sluice.state.StoreId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory {@code <root>/<operatorId>/<keyGroup>/} of one store and an index of the versions
 * it holds ({@code <version>.delta}, {@code <version>.snapshot}), and of the versions whose delta
 * is a section of one of the operator's {@link DeltaBundle}s. Every read or change of the files
 * happens under {@link #lock}, which orders a store's commits against maintenance; the index is
 * kept up to date by this class's own writes and deletes, and re-read by {@link #refresh()}.
 */
final class StoreDirectory {
  private static final Pattern FILE = Pattern.compile("(0|[1-9][0-9]{0,18})\\.(delta|snapshot)");

  final StoreId id;
  final Path path;
  final ReentrantLock lock = new ReentrantLock();

  private final Path root;
  private final NavigableSet<Long> deltas = new TreeSet<>();
  private final NavigableSet<Long> snapshots = new TreeSet<>();
  private final NavigableMap<Long, List<Path>> bundled = new TreeMap<>();
  private final BundleDirectory bundles;
  private final List<Path> leftovers = new ArrayList<>();
  private boolean exists;

  StoreDirectory(Path root, StoreId id, BundleDirectory bundles) {
    this.root = root;
    this.id = id;
    this.path = root.resolve(id.operatorId()).resolve(Integer.toString(id.keyGroup()));
    this.bundles = bundles;
  }

  Path deltaPath(long version) {
    return path.resolve(version + StateFiles.DELTA_SUFFIX);
  }

  Path snapshotPath(long version) {
    return path.resolve(version + StateFiles.SNAPSHOT_SUFFIX);
  }

  /** Re-reads the directory listing and the operator's bundles. */
  void refresh() {
    deltas.clear();
    snapshots.clear();
    leftovers.clear();
    bundled.clear();
    bundles
        .list()
        .forEach(
            (version, files) -> {
              for (BundleDirectory.Bundle bundle : files) {
                if (bundle.covers(id.keyGroup())) {
                  bundled.computeIfAbsent(version, v -> new ArrayList<>()).add(bundle.path());
                }
              }
            });
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
      exists = true;
      for (Path file : files) {
        String name = file.getFileName().toString();
        Matcher m = FILE.matcher(name);
        if (m.matches()) {
          long version = Long.parseLong(m.group(1));
          (m.group(2).equals("delta") ? deltas : snapshots).add(version);
        } else if (name.startsWith(".") && name.endsWith(".tmp")) {
          leftovers.add(file);
        }
      }
    } catch (NoSuchFileException e) {
      exists = false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list state directory " + path, e);
    }
  }

  /** The newest version with a file, or -1 if there is none. */
  long latestVersion() {
    long latest = -1;
    if (!deltas.isEmpty()) {
      latest = deltas.last();
    }
    if (!bundled.isEmpty()) {
      latest = Math.max(latest, bundled.lastKey());
    }
    if (!snapshots.isEmpty()) {
      latest = Math.max(latest, snapshots.last());
    }
    return latest;
  }

  boolean hasSnapshot(long version) {
    return snapshots.contains(version);
  }

  /** The newest snapshot at or before {@code version}; 0 (the empty store) if there is none. */
  long baseSnapshot(long version) {
    Long base = snapshots.floor(version);
    return base == null ? 0 : base;
  }

  /**
   * Checks that {@code version} can be loaded: its base snapshot and every delta after it exist.
   *
   * @return the base snapshot version (0: start empty)
   * @throws StateCorruptedException naming the first missing file
   */
  long checkLoadable(long version) {
    if (version == 0) {
      return 0;
    }
    if (!exists) {
      throw new StateCorruptedException(
          path,
          "(the store's directory) is missing; it is needed to load version "
              + version
              + " of store "
              + id);
    }
    long base = baseSnapshot(version);
    for (long v = base + 1; v <= version; v++) {
      if (!deltas.contains(v) && !bundled.containsKey(v)) {
        throw new StateCorruptedException(
            deltaPath(v),
            "is missing; it is needed to load version "
                + version
                + " of store "
                + id
                + " ("
                + (base == 0 ? "no snapshot at or before it" : "from snapshot " + base)
                + "; on disk: snapshots "
                + ranges(snapshots)
                + ", deltas "
                + ranges(deltas)
                + ", bundled deltas "
                + ranges(bundled.navigableKeySet())
                + ")");
      }
    }
    return base;
  }

  /** Creates the directory (and makes its creation durable) if it does not exist yet. */
  void create() {
    if (exists) {
      return;
    }
    try {
      Path operatorDir = path.getParent();
      boolean newOperator = !Files.isDirectory(operatorDir);
      Files.createDirectories(path);
      StateFiles.syncDirectory(operatorDir);
      if (newOperator) {
        StateFiles.syncDirectory(root);
      }
      exists = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create state directory " + path, e);
    }
  }

  /**
   * The bundle holding the delta of {@code version}, or null if the store's own delta file does (it
   * is preferred: a bundle commit deletes it first, so it can only be newer).
   *
   * @throws StateCorruptedException if two bundles hold it
   */
  Path bundleFor(long version) {
    if (deltas.contains(version)) {
      return null;
    }
    List<Path> files = bundled.get(version);
    if (files == null) {
      return null;
    }
    if (files.size() > 1) {
      throw new StateCorruptedException(
          files.get(0),
          "and "
              + files.get(1)
              + " both hold version "
              + version
              + " of store "
              + id
              + "; one was left by an abandoned run that split the key groups differently");
    }
    return files.get(0);
  }

  /**
   * Before {@code version} is committed as a section of a bundle: also deletes the store's own
   * delta file of that version, which the bundle replaces.
   */
  void discardForBundle(long version) {
    discardFrom(version);
    bundled.tailMap(version, true).clear();
    if (deltas.remove(version)) {
      delete(deltaPath(version));
      StateFiles.syncDirectory(path);
    }
  }

  /**
   * Before {@code version} is committed: deletes what an abandoned run left for it or later
   * versions (snapshots at or after it, deltas after it, temp files), so that no stale file is ever
   * preferred over the new delta.
   */
  void discardFrom(long version) {
    boolean deleted = false;
    for (Iterator<Long> it = snapshots.tailSet(version, true).iterator(); it.hasNext(); ) {
      delete(snapshotPath(it.next()));
      it.remove();
      deleted = true;
    }
    for (Iterator<Long> it = deltas.tailSet(version, false).iterator(); it.hasNext(); ) {
      delete(deltaPath(it.next()));
      it.remove();
      deleted = true;
    }
    for (Path leftover : leftovers) {
      delete(leftover);
    }
    leftovers.clear();
    if (deleted) {
      StateFiles.syncDirectory(path);
    }
  }

  void addedDelta(long version) {
    deltas.add(version);
  }

  void addedBundledDelta(long version, Path bundle) {
    bundled.put(version, new ArrayList<>(List.of(bundle)));
  }

  void addedSnapshot(long version) {
    snapshots.add(version);
  }

  /**
   * Deletes the files of versions older than the retained ones ({@code [latest - retained + 1,
   * latest]}) that no retained version needs to load: with {@code base} the newest snapshot at or
   * before the oldest retained version, the snapshots before {@code base} and the deltas up to
   * {@code base} that are older than the oldest retained version. Every retained version keeps its
   * delta, so the deltas of the retained versions are a complete change log of them.
   *
   * @return the number of files deleted
   */
  int retain(long latest, int retained) {
    long upTo = deletableUpTo(latest, retained);
    if (upTo == 0) {
      return 0;
    }
    long base = baseSnapshot(latest - retained + 1);
    int count = 0;
    for (Iterator<Long> it = snapshots.headSet(base, false).iterator(); it.hasNext(); ) {
      delete(snapshotPath(it.next()));
      it.remove();
      count++;
    }
    for (Iterator<Long> it = deltas.headSet(upTo, true).iterator(); it.hasNext(); ) {
      delete(deltaPath(it.next()));
      it.remove();
      count++;
    }
    // Bundles are shared with other key groups: the operator deletes them (deletableUpTo).
    bundled.headMap(upTo, true).clear();
    return count;
  }

  /**
   * The newest version whose delta no retained version of this store needs: the older of the base
   * snapshot of the oldest retained version and the version before it; 0 if every delta is still
   * needed (nothing is old enough, or no snapshot is at or before the oldest retained version).
   */
  long deletableUpTo(long latest, int retained) {
    long oldest = latest - retained + 1;
    if (oldest <= 1) {
      return 0;
    }
    return Math.min(baseSnapshot(oldest), oldest - 1);
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete state file " + file, e);
    }
  }

  /** "1..3, 7" for {1, 2, 3, 7}; "none" when empty. */
  static String ranges(NavigableSet<Long> versions) {
    if (versions.isEmpty()) {
      return "none";
    }
    StringBuilder out = new StringBuilder();
    long start = -2;
    long previous = -2;
    for (long v : versions) {
      if (v != previous + 1) {
        if (start >= 0) {
          append(out, start, previous);
        }
        start = v;
      }
      previous = v;
    }
    append(out, start, previous);
    return out.toString();
  }

  private static void append(StringBuilder out, long start, long end) {
    if (out.length() > 0) {
      out.append(", ");
    }
    out.append(start);
    if (end > start) {
      out.append("..").append(end);
    }
  }
}
