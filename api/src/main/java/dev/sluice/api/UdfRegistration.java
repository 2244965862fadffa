package dev.sluice.api;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.ScalarUdf;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.type.SqlType;
import dev.sluice.planner.SluicePlanner;
import dev.sluice.planner.calcite.UdfSignature;
import java.util.List;

/**
 * Registers Java scalar functions by name, callable from SQL ({@code SELECT f(x) FROM s}) and from
 * DataFrames ({@code functions.callUdf("f", col("x"))}). Parameter types are declared so the
 * validator can check calls; arguments arrive as the Java classes of {@code Row} (BIGINT as {@link
 * Long}, VARCHAR as {@link String}, ...), SQL NULL as {@code null}. A function that throws fails
 * its query with an error naming the function and the arguments.
 */
public final class UdfRegistration {
  private final SluicePlanner planner;
  private final UserFunctions functions;

  UdfRegistration(SluicePlanner planner, UserFunctions functions) {
    this.planner = planner;
    this.functions = functions;
  }

  @SuppressWarnings("unchecked")
  public <A, R> void register(
      String name, UDF1<A, R> function, SqlType returnType, SqlType parameter) {
    register(name, List.of(parameter), returnType, args -> function.call((A) args[0]));
  }

  @SuppressWarnings("unchecked")
  public <A, B, R> void register(
      String name, UDF2<A, B, R> function, SqlType returnType, SqlType first, SqlType second) {
    register(
        name, List.of(first, second), returnType, args -> function.call((A) args[0], (B) args[1]));
  }

  @SuppressWarnings("unchecked")
  public <A, B, C, R> void register(
      String name,
      UDF3<A, B, C, R> function,
      SqlType returnType,
      SqlType first,
      SqlType second,
      SqlType third) {
    register(
        name,
        List.of(first, second, third),
        returnType,
        args -> function.call((A) args[0], (B) args[1], (C) args[2]));
  }

  private interface Body {
    Object call(Object[] args) throws Exception;
  }

  private void register(String name, List<SqlType> parameters, SqlType returnType, Body body) {
    planner.registerUdf(new UdfSignature(name, parameters, returnType));
    ScalarUdf udf =
        args -> {
          try {
            return body.call(args);
          } catch (SluiceException e) {
            throw e;
          } catch (Exception e) {
            throw new SluiceException(
                ErrorCode.QUERY_FAILED,
                "user function "
                    + name
                    + " failed on arguments "
                    + Row.of(args) // prints VARBINARY arguments as hex literals
                    + ": "
                    + e,
                e);
          }
        };
    functions.registerScalar(name, udf);
  }
}
