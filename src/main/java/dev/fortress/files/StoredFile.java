package dev.fortress.files;

import java.time.Instant;
import java.util.UUID;

/** An uploaded file's metadata; its bytes are in the blob store. */
public record StoredFile(UUID id, UUID ownerId, String name, long size, String contentType, String sha256,
		Instant createdAt) {
}
