package dev.sluice.execution.driver;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;

/** Why a streaming query stopped: the cause, and the batch it was running. */
public final class StreamingQueryException extends SluiceException {
  private final ErrorCode causeCode;

  public StreamingQueryException(String queryDescription, long batchId, Throwable cause) {
    super(
        ErrorCode.QUERY_FAILED,
        queryDescription
            + " terminated with exception in batch "
            + batchId
            + ": "
            + (cause instanceof SluiceException s ? s.toString() : String.valueOf(cause)),
        cause);
    this.causeCode = cause instanceof SluiceException s ? s.code() : ErrorCode.INTERNAL_ERROR;
  }

  /** The code of the underlying failure (e.g. INVALID_CAST); {@link #code()} is QUERY_FAILED. */
  public ErrorCode causeCode() {
    return causeCode;
  }
}
