package dev.fortress.tasks.exports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV cells: RFC 4180 quoting and formula neutralising. */
class CsvTaskWriterTests {

	@Test
	void quotesWhatNeedsQuotingAndDefusesFormulas() {
		assertThat(CsvTaskWriter.escape("plain")).isEqualTo("plain");
		assertThat(CsvTaskWriter.escape("a,b")).isEqualTo("\"a,b\"");
		assertThat(CsvTaskWriter.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(CsvTaskWriter.escape("two\nlines")).isEqualTo("\"two\nlines\"");
		assertThat(CsvTaskWriter.escape("=1+1")).isEqualTo("'=1+1");
		assertThat(CsvTaskWriter.escape("+1")).isEqualTo("'+1");
		assertThat(CsvTaskWriter.escape("-1")).isEqualTo("'-1");
		assertThat(CsvTaskWriter.escape("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(CsvTaskWriter.escape("")).isEmpty();
	}

}
