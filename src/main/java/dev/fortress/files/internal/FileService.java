package dev.fortress.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import dev.fortress.files.FileReadPolicy;
import dev.fortress.files.FilesApi;
import dev.fortress.files.StoredFile;
import dev.fortress.platform.Ids;
import dev.fortress.platform.blob.BlobStore;

/**
 * Stores uploads and hands them out. The bytes go to the {@link BlobStore} first, the row
 * after: a row therefore always has its blob, and a failed insert removes the blob it
 * wrote. The SHA-256 is computed while the bytes stream into the store, in one pass.
 */
@Service
public class FileService implements FilesApi {

	private static final Logger log = LoggerFactory.getLogger(FileService.class);

	private final StoredFiles files;

	private final BlobStore blobs;

	private final List<FileReadPolicy> policies;

	private final Clock clock;

	FileService(StoredFiles files, BlobStore blobs, List<FileReadPolicy> policies, Clock clock) {
		this.files = files;
		this.blobs = blobs;
		this.policies = policies;
		this.clock = clock;
	}

	/** Where an upload's bytes come from: opened once to sniff, once to store. */
	public interface Content {

		long size();

		InputStream open() throws IOException;

	}

	/** What became of an upload. */
	public sealed interface Upload {

		record Stored(StoredFile file) implements Upload {
		}

		/** Its bytes are not of an allowed kind, whatever it was called or declared. */
		record NotAllowed() implements Upload {
		}

		record Empty() implements Upload {
		}

	}

	public Upload upload(UUID ownerId, String name, Content content) throws IOException {
		if (content.size() == 0) {
			return new Upload.Empty();
		}
		byte[] head;
		try (InputStream in = content.open()) {
			head = in.readNBytes(ContentSniffer.HEAD);
		}
		Optional<String> type = ContentSniffer.sniff(head, head.length == content.size(), name);
		if (type.isEmpty()) {
			return new Upload.NotAllowed();
		}
		UUID id = Ids.newId();
		String key = key(id);
		MessageDigest sha256 = sha256();
		try (InputStream in = new DigestInputStream(content.open(), sha256)) {
			this.blobs.put(key, in, content.size());
		}
		StoredFile file = new StoredFile(id, ownerId, name, content.size(), type.get(),
				HexFormat.of().formatHex(sha256.digest()), this.clock.instant());
		try {
			this.files.insert(file);
		}
		catch (RuntimeException ex) {
			deleteQuietly(key);
			throw ex;
		}
		return new Upload.Stored(file);
	}

	/**
	 * The file, if {@code userId} may read it: its uploader, or anyone a
	 * {@link FileReadPolicy} lets in. Empty otherwise, as for an unknown id.
	 */
	public Optional<StoredFile> readable(UUID id, UUID userId) {
		return this.files.find(id)
			.filter(file -> file.ownerId().equals(userId)
					|| this.policies.stream().anyMatch(policy -> policy.mayRead(id, userId)));
	}

	/** The file's bytes; the caller closes the stream. */
	public InputStream open(StoredFile file) throws IOException {
		return this.blobs.open(key(file.id()));
	}

	private static String key(UUID fileId) {
		return "files/" + fileId;
	}

	@Override
	public Map<UUID, StoredFile> findFiles(Collection<UUID> ids) {
		return this.files.findAll(ids).stream().collect(Collectors.toMap(StoredFile::id, Function.identity()));
	}

	private void deleteQuietly(String key) {
		try {
			this.blobs.delete(key);
		}
		catch (IOException ex) {
			log.warn("Could not delete blob {} after a failed insert: {}", key, ex.toString());
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
