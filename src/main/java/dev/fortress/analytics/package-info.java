/**
 * Analytics: read models built only from other modules' events (per drop: units sold,
 * revenue, checkout attempts and conversion, time to sell out; per project: tasks created
 * and completed per day), and the append-only log of facts they can be rebuilt from. It
 * publishes nothing and nothing depends on it.
 */
@NullMarked
package dev.fortress.analytics;

import org.jspecify.annotations.NullMarked;
