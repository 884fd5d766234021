package dev.fortress.tasks.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula (starting with = + - @)
 * are prefixed with a quote, so an export can't carry a formula injection to whoever
 * opens it.
 */
class CsvTaskWriter implements TaskFileWriter {

	private final Writer out;

	CsvTaskWriter(OutputStream out) throws IOException {
		this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
		line(ExportRow.HEADERS);
	}

	@Override
	public void write(ExportRow row) throws IOException {
		line(row.cells());
	}

	@Override
	public void finish() throws IOException {
		this.out.flush();
	}

	private void line(List<String> cells) throws IOException {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				this.out.write(',');
			}
			this.out.write(escape(cells.get(i)));
		}
		this.out.write("\r\n");
	}

	static String escape(String cell) {
		String safe = (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0) ? "'" + cell : cell;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return "\"" + safe.replace("\"", "\"\"") + "\"";
		}
		return safe;
	}

}
