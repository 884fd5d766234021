package dev.fortress.files.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.fortress.files.StoredFile;
import dev.fortress.files.internal.FileService;
import dev.fortress.files.internal.FileService.Upload;
import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

@RestController
@RequestMapping("/api/v1/attachments")
@Tag(name = "Attachments", description = "Files shared in chat: uploaded once, downloaded by those allowed")
class AttachmentController {

	private static final Logger log = LoggerFactory.getLogger(AttachmentController.class);

	private final FileService files;

	AttachmentController(FileService files) {
		this.files = files;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a file",
			description = "Multipart, part `file`. At most FORTRESS_UPLOAD_MAX_BYTES (10 MB) or 413. The type is "
					+ "sniffed from the bytes (PNG, JPEG, GIF, WebP, PDF, UTF-8 text as plain/markdown/csv), "
					+ "never taken from the client: anything else is 415. Answers the name, size, type and SHA-256.")
	ResponseEntity<AttachmentView> upload(CurrentUser user,
			@RequestParam(name = "file", required = false) @Nullable MultipartFile file) throws IOException {
		if (file == null) {
			throw ApiException.invalid("file", "is required (a multipart part named file)");
		}
		Upload upload;
		try {
			upload = this.files.upload(user.id(), FileNames.clean(file.getOriginalFilename()), content(file));
		}
		catch (IOException ex) {
			throw storageAway(ex);
		}
		if (upload instanceof Upload.NotAllowed) {
			throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
					"Only PNG, JPEG, GIF, WebP, PDF and UTF-8 text files may be uploaded");
		}
		if (!(upload instanceof Upload.Stored stored)) {
			throw ApiException.invalid("file", "must not be empty");
		}
		return ResponseEntity.created(URI.create("/api/v1/attachments/" + stored.file().id()))
			.body(AttachmentView.of(stored.file()));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Download a file",
			description = "For its uploader, and for whoever may see what it is attached to (a chat channel's "
					+ "members); 404 for anyone else. Always Content-Disposition: attachment, with nosniff.")
	ResponseEntity<InputStreamResource> download(CurrentUser user, @PathVariable UUID id) {
		StoredFile file = this.files.readable(id, user.id()).orElseThrow(() -> ApiException.notFound("File"));
		InputStream content;
		try {
			content = this.files.open(file);
		}
		catch (NoSuchFileException ex) {
			log.warn("File {} has no blob", id);
			throw ApiException.notFound("File");
		}
		catch (IOException ex) {
			throw storageAway(ex);
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.contentType()))
			.contentLength(file.size())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.name(), StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
			.body(new InputStreamResource(content));
	}

	private static FileService.Content content(MultipartFile file) {
		return new FileService.Content() {

			@Override
			public long size() {
				return file.getSize();
			}

			@Override
			public InputStream open() throws IOException {
				return file.getInputStream();
			}

		};
	}

	/**
	 * The blob store failed (the disk, the object store): nothing the client did, and
	 * likely to pass.
	 */
	private static ApiException storageAway(IOException ex) {
		log.warn("The blob store failed: {}", ex.toString());
		return ApiException.unavailable("File storage is unavailable; retry later", Duration.ofSeconds(5));
	}

}
