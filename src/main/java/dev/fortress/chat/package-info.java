/**
 * Chat: channels (workspace-wide or attached to a project, public or private) and direct
 * messages, whose messages are an append-only, gap-free log of events per channel
 * (posted, edited, deleted, reacted) with views projected from it; read markers, unread
 * counts, attachments and full-text search over what the caller may read. Every change is
 * published as a {@link dev.fortress.chat.ChannelEvent}.
 */
@NullMarked
package dev.fortress.chat;

import org.jspecify.annotations.NullMarked;
