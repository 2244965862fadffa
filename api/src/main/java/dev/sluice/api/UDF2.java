package dev.sluice.api;

/** A two-argument user function. */
@FunctionalInterface
public interface UDF2<A, B, R> {
  R call(A a, B b) throws Exception;
}
