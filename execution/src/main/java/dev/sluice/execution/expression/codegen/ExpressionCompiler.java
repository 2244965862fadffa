package dev.sluice.execution.expression.codegen;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.expression.ScalarUdf;
import dev.sluice.execution.type.Schema;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/**
 * Compiles a calc (optional condition plus projections over one input schema) into a {@link
 * CalcKernel} with Janino. Compiled classes are cached by their generated source, which is a digest
 * of the expressions and input types; constants and UDF objects are passed to the constructor, so
 * one class serves every instance with the same shape. Compilation takes a few milliseconds; the
 * cache makes re-planning and restarts cheap.
 */
public final class ExpressionCompiler {
  private static final String CLASS_NAME = "GeneratedCalc";
  private static final Cache<String, Constructor<?>> CLASSES =
      Caffeine.newBuilder().maximumSize(1_000).recordStats().build();

  private ExpressionCompiler() {}

  public static CalcKernel compile(
      Schema input,
      Expression condition,
      List<Expression> projections,
      Map<String, ScalarUdf> udfs) {
    CalcKernel exact = build(input, condition, projections, udfs, Set.of());
    if (!DecimalNarrowing.applies(input, condition, projections)) {
      return exact;
    }
    CalcKernel fast =
        build(
            DecimalNarrowing.narrow(input),
            condition == null ? null : DecimalNarrowing.narrow(condition),
            projections.stream().map(DecimalNarrowing::narrow).toList(),
            udfs,
            DecimalNarrowing.narrowedColumns(input));
    return new SpeculativeKernel(fast, exact);
  }

  private static CalcKernel build(
      Schema input,
      Expression condition,
      List<Expression> projections,
      Map<String, ScalarUdf> udfs,
      Set<Integer> checkedDecimalColumns) {
    KernelGenerator generator = new KernelGenerator(input, udfs, checkedDecimalColumns);
    String source = generator.generate(CLASS_NAME, condition, projections);
    Constructor<?> constructor = CLASSES.get(source, ExpressionCompiler::cook);
    try {
      return (CalcKernel) constructor.newInstance((Object) generator.refs().toArray());
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new SluiceException(
          ErrorCode.INTERNAL_ERROR, "cannot instantiate a compiled kernel", e);
    }
  }

  /** Cache statistics, for progress reports and tests. */
  public static com.github.benmanes.caffeine.cache.stats.CacheStats cacheStats() {
    return CLASSES.stats();
  }

  private static Constructor<?> cook(String source) {
    SimpleCompiler compiler = new SimpleCompiler();
    compiler.setParentClassLoader(ExpressionCompiler.class.getClassLoader());
    try {
      compiler.cook(source);
      return compiler.getClassLoader().loadClass(CLASS_NAME).getConstructor(Object[].class);
    } catch (CompileException | ClassNotFoundException | NoSuchMethodException e) {
      throw new SluiceException(
          ErrorCode.INTERNAL_ERROR,
          "generated kernel does not compile: " + e.getMessage() + "\n" + numbered(source),
          e);
    }
  }

  private static String numbered(String source) {
    StringBuilder out = new StringBuilder();
    String[] lines = source.split("\n");
    for (int i = 0; i < lines.length; i++) {
      out.append(String.format("%4d  %s%n", i + 1, lines[i]));
    }
    return out.toString();
  }
}
