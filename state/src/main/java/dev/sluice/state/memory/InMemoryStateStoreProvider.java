package dev.sluice.state.memory;

import static java.util.Objects.requireNonNull;

import dev.sluice.state.KeyGroups;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreOptions;
import dev.sluice.state.StateStoreProvider;
import dev.sluice.state.StoreId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A {@link StateStoreProvider} whose stores hold their entries in memory (in a compact hash table,
 * 1.5 to 1.8 times the raw key and value bytes for small entries) and keep each version on disk as
 * a delta file, with a full snapshot every {@link StateStoreOptions#snapshotInterval()} versions.
 *
 * <h2>Layout under the root</h2>
 *
 * <pre>
 * &lt;root&gt;/&lt;operatorId&gt;/&lt;keyGroup&gt;/&lt;version&gt;.delta      changes that make version from version - 1
 * &lt;root&gt;/&lt;operatorId&gt;/&lt;keyGroup&gt;/&lt;version&gt;.snapshot   every entry of version
 * </pre>
 *
 * Version {@code v} is loaded from the newest snapshot at or before {@code v} (or from empty) plus
 * the deltas after it; a missing or damaged file throws {@link
 * dev.sluice.state.StateCorruptedException}. Commits delete the files that none of the {@link
 * StateStoreOptions#retainedVersions()} newest versions needs. The file format is described in
 * {@code state/STATE.md}.
 *
 * <p>Thread-safe. A store is used by one thread at a time; stores of different ids may commit in
 * parallel, and {@link #doMaintenance()} may run on another thread.
 */
public final class InMemoryStateStoreProvider implements StateStoreProvider {
  private static final Pattern OPERATOR_DIR = Pattern.compile("[A-Za-z0-9_-]{1,100}");
  private static final Pattern KEY_GROUP_DIR = Pattern.compile("0|[1-9][0-9]{0,4}");

  private final Path root;
  private final StateStoreOptions options;
  private final ConcurrentHashMap<StoreId, StoreDirectory> directories = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, BundleDirectory> bundleDirectories =
      new ConcurrentHashMap<>();
  private final Set<StoreId> openStores = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * A provider for the stores under {@code root}, with the default options. Nothing is created
   * until the first commit.
   *
   * @throws NullPointerException if {@code root} is null
   */
  public InMemoryStateStoreProvider(Path root) {
    this(root, StateStoreOptions.defaults());
  }

  /**
   * A provider for the stores under {@code root}. Nothing is created until the first commit.
   *
   * @throws NullPointerException if an argument is null
   */
  public InMemoryStateStoreProvider(Path root, StateStoreOptions options) {
    this.root = requireNonNull(root, "root is null");
    this.options = requireNonNull(options, "options is null");
  }

  /** The root directory. */
  public Path root() {
    return root;
  }

  /** The options. */
  public StateStoreOptions options() {
    return options;
  }

  @Override
  public StateStore open(StoreId id, long version) {
    requireNonNull(id, "id is null");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative, but was " + version);
    }
    if (closed) {
      throw new IllegalStateException("state store provider for " + root + " is closed");
    }
    if (!openStores.add(id)) {
      throw new IllegalStateException(
          "state store " + id + " is already open; close it before opening it again");
    }
    try {
      StoreDirectory directory = directory(id);
      long start = System.nanoTime();
      StoreLoader.Loaded loaded;
      directory.lock.lock();
      try {
        directory.refresh();
        loaded = StoreLoader.load(directory, version);
      } finally {
        directory.lock.unlock();
      }
      return new InMemoryStateStore(
          this,
          directory,
          options,
          version,
          loaded.table(),
          loaded.bytesRead(),
          System.nanoTime() - start);
    } catch (RuntimeException | Error e) {
      openStores.remove(id);
      throw e;
    }
  }

  @Override
  public long commitAll(List<StateStore> stores) {
    requireNonNull(stores, "stores is null");
    List<InMemoryStateStore> sorted = checkBundle(stores);
    long start = System.nanoTime();
    InMemoryStateStore firstStore = sorted.get(0);
    String operatorId = firstStore.id().operatorId();
    long next = firstStore.version() + 1;
    int first = firstStore.id().keyGroup();
    int last = sorted.get(sorted.size() - 1).id().keyGroup();
    InMemoryStateStore.Delta[] deltas = new InMemoryStateStore.Delta[sorted.size()];
    for (int i = 0; i < deltas.length; i++) {
      deltas[i] = sorted.get(i).pendingDelta();
    }
    BundleDirectory bundles = bundleDirectory(operatorId);
    long[] bytes = new long[sorted.size()];
    int locked = 0;
    try {
      for (InMemoryStateStore store : sorted) {
        store.directory().lock.lock();
        locked++;
      }
      bundles.create();
      for (InMemoryStateStore store : sorted) {
        store.directory().create();
        store.directory().discardForBundle(next);
      }
      bundles.discardOverlapping(next, first, last);
      Path path = bundles.bundlePath(next, first, last);
      try (AtomicFile file = new AtomicFile(path)) {
        List<DeltaBundle.Section> sections = new ArrayList<>();
        for (int i = 0; i < deltas.length; i++) {
          long offset = file.channel().position();
          bytes[i] = sorted.get(i).writeDelta(file, deltas[i]);
          sections.add(new DeltaBundle.Section(sorted.get(i).id().keyGroup(), offset, bytes[i]));
        }
        DeltaBundle.writeIndex(file, operatorId, next, sections);
        file.commit();
      }
      long deletable = Long.MAX_VALUE;
      for (int i = 0; i < deltas.length; i++) {
        StoreDirectory directory = sorted.get(i).directory();
        directory.addedBundledDelta(next, path);
        bytes[i] += sorted.get(i).afterDeltaWritten(next);
        deletable = Math.min(deletable, directory.deletableUpTo(next, options.retainedVersions()));
      }
      if (deletable > 0) {
        bundles.deleteUpTo(deletable, first, last);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state bundle of operator " + operatorId, e);
    } finally {
      for (int i = locked - 1; i >= 0; i--) {
        sorted.get(i).directory().lock.unlock();
      }
    }
    long nanos = (System.nanoTime() - start) / sorted.size();
    for (int i = 0; i < deltas.length; i++) {
      sorted.get(i).committed(next, bytes[i], nanos);
    }
    return next;
  }

  /** The stores of a {@link #commitAll} call, sorted by key group, after checking them. */
  private List<InMemoryStateStore> checkBundle(List<StateStore> stores) {
    if (stores.isEmpty()) {
      throw new IllegalArgumentException("no stores to commit");
    }
    List<InMemoryStateStore> sorted = new ArrayList<>();
    for (StateStore store : stores) {
      if (!(store instanceof InMemoryStateStore ours) || !openStores.contains(store.id())) {
        throw new IllegalArgumentException(
            "store " + store + " was not opened by the provider for " + root);
      }
      sorted.add(ours);
    }
    sorted.sort(java.util.Comparator.comparingInt(store -> store.id().keyGroup()));
    InMemoryStateStore first = sorted.get(0);
    for (int i = 0; i < sorted.size(); i++) {
      InMemoryStateStore store = sorted.get(i);
      if (!store.id().operatorId().equals(first.id().operatorId())
          || store.version() != first.version()
          || store.id().keyGroup() != first.id().keyGroup() + i) {
        throw new IllegalArgumentException(
            "stores committed together must be of one operator, at one version, of consecutive"
                + " key groups, but "
                + store
                + " does not follow "
                + sorted.get(Math.max(0, i - 1)));
      }
    }
    return sorted;
  }

  @Override
  public void doMaintenance() {
    java.util.Map<String, Long> bundlesDeletableUpTo = new java.util.TreeMap<>();
    for (StoreId id : storesOnDisk()) {
      StoreDirectory directory = directory(id);
      directory.lock.lock();
      try {
        directory.refresh();
        long latest = directory.latestVersion();
        long deletable = 0;
        if (latest > 0) {
          if (!directory.hasSnapshot(latest)) {
            BytesTable table = StoreLoader.load(directory, latest).table();
            StateFileWriter.writeSnapshot(directory, latest, table);
            directory.addedSnapshot(latest);
          }
          directory.retain(latest, options.retainedVersions());
          deletable = directory.deletableUpTo(latest, options.retainedVersions());
        }
        bundlesDeletableUpTo.merge(id.operatorId(), deletable, Math::min);
      } finally {
        directory.lock.unlock();
      }
    }
    bundlesDeletableUpTo.forEach(
        (operatorId, upTo) -> {
          if (upTo > 0) {
            bundleDirectory(operatorId).deleteUpTo(upTo, 0, KeyGroups.MAX_COUNT - 1);
          }
        });
  }

  @Override
  public void close() {
    closed = true;
  }

  void release(StoreId id) {
    openStores.remove(id);
  }

  private StoreDirectory directory(StoreId id) {
    return directories.computeIfAbsent(
        id, i -> new StoreDirectory(root, i, bundleDirectory(i.operatorId())));
  }

  private BundleDirectory bundleDirectory(String operatorId) {
    return bundleDirectories.computeIfAbsent(
        operatorId, id -> new BundleDirectory(root.resolve(id)));
  }

  private List<StoreId> storesOnDisk() {
    List<StoreId> ids = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return ids;
    }
    try (DirectoryStream<Path> operators = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path operator : operators) {
        String operatorId = operator.getFileName().toString();
        if (!OPERATOR_DIR.matcher(operatorId).matches()) {
          continue;
        }
        try (DirectoryStream<Path> groups =
            Files.newDirectoryStream(operator, Files::isDirectory)) {
          for (Path group : groups) {
            String name = group.getFileName().toString();
            if (KEY_GROUP_DIR.matcher(name).matches()
                && Integer.parseInt(name) < KeyGroups.MAX_COUNT) {
              ids.add(new StoreId(operatorId, Integer.parseInt(name)));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list state directory " + root, e);
    }
    ids.sort(
        (a, b) ->
            a.operatorId().equals(b.operatorId())
                ? Integer.compare(a.keyGroup(), b.keyGroup())
                : a.operatorId().compareTo(b.operatorId()));
    return ids;
  }
}
