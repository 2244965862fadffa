package dev.sluice.api;

/** A one-argument user function; arguments and result use the Java classes of {@code Row}. */
@FunctionalInterface
public interface UDF1<A, R> {
  R call(A a) throws Exception;
}
