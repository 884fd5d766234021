package dev.fortress.chat.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** What a client posts: the text, the thread it replies in, the files it attaches. */
public record NewMessage(@Nullable String text, @Nullable UUID parentId, @Nullable List<UUID> attachmentIds) {
}
