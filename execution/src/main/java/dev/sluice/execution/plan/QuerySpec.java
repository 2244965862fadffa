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
   * fingerprint is a different query and is refused. Row functions are named by their order in the
   * plan, not by the name the session registered them under (which counts up per session), so the
   * same DataFrame code planned again has the same fingerprint.
   */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest(
              (withPlanOrderRowFunctions(root, new int[1]) + "|" + sources)
                  .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static PlanSpec withPlanOrderRowFunctions(PlanSpec spec, int[] count) {
    PlanSpec rewritten =
        spec.inputs().isEmpty()
            ? spec
            : spec.withInputs(
                spec.inputs().stream().map(i -> withPlanOrderRowFunctions(i, count)).toList());
    if (rewritten instanceof RowFunctionSpec function) {
      return new RowFunctionSpec(function.input(), "rowfn#" + count[0]++, function.schema());
    }
    return rewritten;
  }
}
