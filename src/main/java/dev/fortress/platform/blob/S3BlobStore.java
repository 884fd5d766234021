package dev.fortress.platform.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Blobs as objects of one bucket of an S3-compatible store. A {@code PutObject} is atomic
 * by itself (a reader never sees part of an object), so no temporary object is needed.
 * SDK failures surface as {@link IOException}, as the file system's do; a missing object
 * is a {@link NoSuchFileException}.
 */
public final class S3BlobStore implements BlobStore {

	private final S3Client s3;

	private final String bucket;

	public S3BlobStore(S3Client s3, String bucket) {
		this.s3 = s3;
		this.bucket = bucket;
	}

	@Override
	public void put(String key, InputStream content, long size) throws IOException {
		try {
			this.s3.putObject(request -> request.bucket(this.bucket).key(BlobKeys.check(key)).contentLength(size),
					RequestBody.fromInputStream(content, size));
		}
		catch (SdkException | IllegalStateException | UncheckedIOException ex) {
			// the SDK reports a stream shorter than announced as an IllegalStateException
			throw new IOException("Storing " + key + " failed", ex);
		}
	}

	@Override
	public InputStream open(String key) throws IOException {
		try {
			return this.s3.getObject(request -> request.bucket(this.bucket).key(BlobKeys.check(key)));
		}
		catch (NoSuchKeyException ex) {
			throw new NoSuchFileException(key);
		}
		catch (SdkException ex) {
			throw new IOException("Reading " + key + " failed", ex);
		}
	}

	@Override
	public void delete(String key) throws IOException {
		try {
			this.s3.deleteObject(request -> request.bucket(this.bucket).key(BlobKeys.check(key)));
		}
		catch (SdkException ex) {
			throw new IOException("Deleting " + key + " failed", ex);
		}
	}

}
