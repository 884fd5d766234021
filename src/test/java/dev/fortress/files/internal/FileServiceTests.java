package dev.fortress.files.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fortress.files.FileReadPolicy;
import dev.fortress.files.StoredFile;
import dev.fortress.platform.blob.FileSystemBlobStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

class FileServiceTests {

	private static final UUID OWNER = UUID.randomUUID();

	private static final UUID MEMBER = UUID.randomUUID();

	private static final UUID STRANGER = UUID.randomUUID();

	private final StoredFiles rows = mock(StoredFiles.class);

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

	@TempDir
	Path directory;

	@Test
	void theUploaderAndWhoeverAPolicyLetsInMayReadNobodyElse() throws IOException {
		UUID id = UUID.randomUUID();
		given(this.rows.find(id)).willReturn(
				Optional.of(new StoredFile(id, OWNER, "a.txt", 1, "text/plain", "0".repeat(64), this.clock.instant())));
		FileReadPolicy channelMembers = (file, user) -> file.equals(id) && user.equals(MEMBER);
		FileService service = service(List.of(channelMembers));
		assertThat(service.readable(id, OWNER)).isPresent();
		assertThat(service.readable(id, MEMBER)).isPresent();
		assertThat(service.readable(id, STRANGER)).isEmpty();
		assertThat(service(List.of()).readable(id, MEMBER)).isEmpty();
	}

	@Test
	void aRowThatCannotBeInsertedTakesItsBlobWithIt() throws IOException {
		willThrow(new IllegalStateException("database away")).given(this.rows).insert(any());
		byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
		FileService service = service(List.of());
		assertThatThrownBy(() -> service.upload(OWNER, "a.txt", content(text)))
			.isInstanceOf(IllegalStateException.class);
		try (Stream<Path> blobs = Files.walk(this.directory.resolve("files"))) {
			assertThat(blobs.filter(Files::isRegularFile)).isEmpty();
		}
	}

	private FileService service(List<FileReadPolicy> policies) throws IOException {
		return new FileService(this.rows, new FileSystemBlobStore(this.directory), policies, this.clock);
	}

	private static FileService.Content content(byte[] bytes) {
		return new FileService.Content() {

			@Override
			public long size() {
				return bytes.length;
			}

			@Override
			public InputStream open() {
				return new ByteArrayInputStream(bytes);
			}

		};
	}

}
