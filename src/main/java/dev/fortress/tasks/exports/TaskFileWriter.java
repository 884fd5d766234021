package dev.fortress.tasks.exports;

import java.io.IOException;
import java.io.OutputStream;

/** Writes export rows in one file format, streaming (rows are never all in memory). */
interface TaskFileWriter {

	void write(ExportRow row) throws IOException;

	/** Completes the file (closing brackets, PDF trailer) and flushes it. */
	void finish() throws IOException;

	static TaskFileWriter open(ExportFormat format, OutputStream out, String title) throws IOException {
		return switch (format) {
			case CSV -> new CsvTaskWriter(out);
			case JSON -> new JsonTaskWriter(out);
			case PDF -> new PdfTaskWriter(out, title);
		};
	}

}
