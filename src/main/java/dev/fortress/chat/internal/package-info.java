/**
 * Chat's implementation: the channels' logs ({@code ChatLog}), the views projected from
 * them ({@code MessageProjection}), the access rule ({@code ChannelAccess}) and the use
 * cases the HTTP adapter calls.
 */
@NullMarked
package dev.fortress.chat.internal;

import org.jspecify.annotations.NullMarked;
