package dev.sluice.execution.expression;

import dev.sluice.execution.type.SqlType;

/**
 * A scalar expression over the columns of one input, as plain data: the planner builds it, the
 * expression compiler turns it into a kernel. {@link #toString()} is the digest kernels are cached
 * by, so two equal expressions print equally.
 */
public sealed interface Expression permits ColumnRef, Literal, Call {
  SqlType type();
}
