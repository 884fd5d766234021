package dev.fortress.knowledge.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One indexable thing as its module holds it now.
 *
 * @param type {@code task}, {@code comment}, {@code message}, {@code product} or
 * {@code article}
 * @param parentId what it belongs to (a comment's task), whose deletion or move takes it
 * along
 * @param scope who may read it: {@code public}, {@code project:<id>},
 * {@code channel:<id>} or {@code user:<id>}
 * @param kind a finer type the related items use ({@code BUG} for a bug)
 * @param version the source's version: an older one never replaces a newer one
 */
record SourceDoc(String type, UUID id, @Nullable UUID parentId, String scope, @Nullable String kind, String title,
		String text, long version) {
}
