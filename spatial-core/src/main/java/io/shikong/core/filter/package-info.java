/**
 * Filters: ECQL parsing with GeoTools, and the operators Shikong evaluates. Their compilation to
 * parameterized SQL is the JDBC stores' ({@code io.shikong.core.store.jdbc.FilterCompiler}).
 */
package io.shikong.core.filter;
