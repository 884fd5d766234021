package dev.fortress.knowledge.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A chunk an index query returned, with the query's score. */
record Hit(String type, UUID id, int chunkNo, @Nullable String kind, String title, String text, float score) {

	String sourceKey() {
		return Chunk.key(this.type, this.id);
	}

}
