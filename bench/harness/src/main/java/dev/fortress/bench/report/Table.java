package dev.fortress.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table, and the number formats of the report. */
final class Table {

	private final List<String> header;

	private final List<List<String>> rows = new ArrayList<>();

	Table(String... header) {
		this.header = List.of(header);
	}

	Table row(Object... cells) {
		List<String> row = new ArrayList<>();
		for (Object cell : cells) {
			row.add(String.valueOf(cell).replace("|", "\\|"));
		}
		this.rows.add(row);
		return this;
	}

	boolean isEmpty() {
		return this.rows.isEmpty();
	}

	@Override
	public String toString() {
		StringBuilder out = new StringBuilder();
		out.append("| ").append(String.join(" | ", this.header)).append(" |\n|");
		this.header.forEach(h -> out.append("---|"));
		out.append('\n');
		for (List<String> row : this.rows) {
			out.append("| ").append(String.join(" | ", row)).append(" |\n");
		}
		return out.append('\n').toString();
	}

	/** A number with {@code decimals} digits after the point; "–" when not measured. */
	static String num(double value, int decimals) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "–";
		}
		String pattern = "%,." + decimals + "f";
		return String.format(Locale.ROOT, pattern, value);
	}

	/** Milliseconds: more digits when small. */
	static String ms(double value) {
		if (Double.isNaN(value)) {
			return "–";
		}
		return value < 10 ? num(value, 2) : value < 100 ? num(value, 1) : num(value, 0);
	}

	static String percent(double fraction) {
		return num(100 * fraction, 0) + " %";
	}

}
