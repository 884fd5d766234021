package dev.fortress.knowledge.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One stored chunk of a source, with its embedding. */
record Chunk(String type, UUID id, int chunkNo, String scope, @Nullable String kind, String title, String text,
		float[] embedding) {

	String sourceKey() {
		return key(this.type, this.id);
	}

	static String key(String type, UUID id) {
		return type + ":" + id;
	}

}
