package dev.sluice.state;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A state file needed to load a version is missing, truncated, corrupt, or not a state file of the
 * expected store and version.
 *
 * <p>The store is never loaded from such files: the exception is thrown instead, naming the file
 * and what is wrong. Restore the checkpoint's {@code state/} directory from a backup, or start the
 * query with a new checkpoint location.
 */
public final class StateCorruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;

  /**
   * @param path the file that is missing or corrupt
   * @param problem what is wrong with it, e.g. "is truncated: ..." or "is missing; it is needed to
   *     load version 7 of store agg/3"
   */
  public StateCorruptedException(Path path, String problem) {
    this(path, problem, null);
  }

  /**
   * @param path the file that is missing or corrupt
   * @param problem what is wrong with it
   * @param cause the exception that revealed the problem, or null
   */
  public StateCorruptedException(Path path, String problem, Throwable cause) {
    super(
        "state file "
            + requireNonNull(path, "path is null")
            + " "
            + requireNonNull(problem, "problem is null")
            + "; restore the checkpoint's state directory from a backup, or start the query with"
            + " a new checkpoint location",
        cause);
    this.path = path;
  }

  /** The file that is missing or corrupt. */
  public Path path() {
    return path;
  }
}
