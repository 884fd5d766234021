package dev.fortress.files.web;

import java.util.UUID;

import dev.fortress.files.StoredFile;

/** An uploaded file as the API shows it. */
record AttachmentView(UUID id, String name, long size, String contentType, String sha256) {

	static AttachmentView of(StoredFile file) {
		return new AttachmentView(file.id(), file.name(), file.size(), file.contentType(), file.sha256());
	}

}
