package dev.sluice.api;

/** A three-argument user function. */
@FunctionalInterface
public interface UDF3<A, B, C, R> {
  R call(A a, B b, C c) throws Exception;
}
