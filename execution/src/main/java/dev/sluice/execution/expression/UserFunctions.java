package dev.sluice.execution.expression;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user functions a session knows: scalar UDFs by (case-insensitive) name, and row functions by
 * the name a DataFrame operation gave them. Specs refer to functions by name only.
 */
public final class UserFunctions {
  private final Map<String, ScalarUdf> scalars = new ConcurrentHashMap<>();
  private final Map<String, RowFunction> rowFunctions = new ConcurrentHashMap<>();

  public void registerScalar(String name, ScalarUdf function) {
    scalars.put(name.toUpperCase(Locale.ROOT), function);
  }

  public void registerRowFunction(String name, RowFunction function) {
    rowFunctions.put(name, function);
  }

  public Map<String, ScalarUdf> scalars() {
    return Map.copyOf(scalars);
  }

  public RowFunction rowFunction(String name) {
    RowFunction function = rowFunctions.get(name);
    if (function == null) {
      throw new SluiceException(
          ErrorCode.UNKNOWN_FUNCTION, "no row function named " + name + " is registered");
    }
    return function;
  }
}
