package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A whole physical plan: the operator tree and the sources its scans name. */
public record QuerySpec(PlanSpec root, List<SourceSpec> sources) {
  public QuerySpec {
    requireNonNull(root, "root is null");
    sources = List.copyOf(sources);
  }

  /**
   * A digest of the plan and its sources. Stored in the checkpoint: a restart with a different
   * fingerprint is a different query and is refused.
   */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((root + "|" + sources).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
