/**
 * Real-time: what clients watch change. STOMP over WebSocket at {@code /ws} (live boards,
 * drop counters, chat, per-user notifications) and Server-Sent Events for the public drop
 * counter. Driven only by committed domain events of the other modules; sent to every
 * instance's subscribers through {@link dev.fortress.realtime.internal.LiveFeed}.
 */
@NullMarked
package dev.fortress.realtime;

import org.jspecify.annotations.NullMarked;
