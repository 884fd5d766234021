package dev.fortress.tasks.exports;

import com.fasterxml.jackson.annotation.JsonValue;

/** The file formats of an export, written in lower case in the API. */
enum ExportFormat {

	CSV("text/csv", "csv"), JSON("application/json", "json"), PDF("application/pdf", "pdf");

	private final String contentType;

	private final String extension;

	ExportFormat(String contentType, String extension) {
		this.contentType = contentType;
		this.extension = extension;
	}

	String contentType() {
		return this.contentType;
	}

	@JsonValue
	String extension() {
		return this.extension;
	}

	static ExportFormat of(String extension) {
		return valueOf(extension.toUpperCase(java.util.Locale.ROOT));
	}

}
