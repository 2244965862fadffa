package dev.sluice.execution.error;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The one exception type users see. Its message names the object, the position where there is one,
 * and what would work; {@link #code()} is stable and is what tests assert.
 */
public class SluiceException extends RuntimeException {
  private final ErrorCode code;
  private final TextPosition position;

  public SluiceException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public SluiceException(ErrorCode code, String message, Throwable cause) {
    this(code, message, null, cause);
  }

  /** An error at {@code position} of the statement or script (the message names it too). */
  public SluiceException(ErrorCode code, String message, TextPosition position, Throwable cause) {
    super(message, cause);
    this.code = requireNonNull(code, "code is null");
    this.position = position;
  }

  public ErrorCode code() {
    return code;
  }

  /** Where in the statement text the error is, when it is at one place. */
  public Optional<TextPosition> position() {
    return Optional.ofNullable(position);
  }

  /** The message prefixed with the code, as the shell and golden files print it. */
  @Override
  public String toString() {
    return "[" + code + "] " + getMessage();
  }
}
