package dev.fortress.tasks.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.json.JsonMapper;

/** A JSON array of task objects, written one element at a time. */
class JsonTaskWriter implements TaskFileWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final OutputStream out;

	private boolean first = true;

	JsonTaskWriter(OutputStream out) throws IOException {
		this.out = out;
		this.out.write('[');
	}

	@Override
	public void write(ExportRow row) throws IOException {
		if (!this.first) {
			this.out.write(',');
		}
		this.first = false;
		this.out.write('\n');
		this.out.write(JSON.writeValueAsString(row).getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void finish() throws IOException {
		this.out.write("\n]\n".getBytes(StandardCharsets.UTF_8));
		this.out.flush();
	}

}
