package dev.sluice.execution.error;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type users see. Its message names the object, the position where there is one,
 * and what would work; {@link #code()} is stable and is what tests assert.
 */
public class SluiceException extends RuntimeException {
  private final ErrorCode code;

  public SluiceException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public SluiceException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }

  /** The message prefixed with the code, as the shell and golden files print it. */
  @Override
  public String toString() {
    return "[" + code + "] " + getMessage();
  }
}
