package dev.sluice.state.encoding;

/**
 * Bytes cannot be decoded as asked: they end early, a varint is too long, or a marker has an
 * unknown value. Thrown by {@link BinaryReader}; the message names the position.
 */
public final class EncodingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong and where
   */
  public EncodingException(String message) {
    super(message);
  }
}
