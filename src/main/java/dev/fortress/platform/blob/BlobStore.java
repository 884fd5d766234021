package dev.fortress.platform.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes by key: the filesystem under the data directory by default, an S3-compatible
 * object store by configuration. Keys are chosen by the application (never by a client).
 */
public interface BlobStore {

	/** Stores exactly {@code size} bytes from {@code content} under {@code key}. */
	void put(String key, InputStream content, long size) throws IOException;

	/** The bytes under {@code key}; the caller closes the stream. */
	InputStream open(String key) throws IOException;

	void delete(String key) throws IOException;

}
