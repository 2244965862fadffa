package dev.sluice.execution.plan;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a plan record's component that most plans leave null: {@link PlanDescription} leaves it out
 * of a plan's description while it is null, so EXPLAIN shows it only where it matters.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface OmittedWhenNull {}
