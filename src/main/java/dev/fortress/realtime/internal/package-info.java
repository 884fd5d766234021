/**
 * The realtime module's machinery: the STOMP endpoint and its gate, the live feed that
 * reaches every instance, the sinks, the listeners that turn committed events into live
 * updates, sessions and presence.
 */
@NullMarked
package dev.fortress.realtime.internal;

import org.jspecify.annotations.NullMarked;
