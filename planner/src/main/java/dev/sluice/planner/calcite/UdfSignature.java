package dev.sluice.planner.calcite;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.SqlType;
import java.util.List;

/** The SQL face of a user's scalar function: its name, parameter types and result type. */
public record UdfSignature(String name, List<SqlType> parameterTypes, SqlType returnType) {
  public UdfSignature {
    requireNonNull(name, "name is null");
    parameterTypes = List.copyOf(parameterTypes);
    requireNonNull(returnType, "returnType is null");
  }
}
