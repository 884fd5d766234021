package dev.fortress.knowledge.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkerTests {

	@Test
	void headingsStartAChunkAndShortSectionsStayWhole() {
		List<String> chunks = Chunker.chunks("# One\n\nFirst section.\n\n# Two\n\nSecond section.");
		assertThat(chunks).containsExactly("# One\n\nFirst section.", "# Two\n\nSecond section.");
	}

	@Test
	void longTextIsCutAtSentencesWithOverlapAndNoChunkIsTooLong() {
		String sentence = "The checkout page times out on slow mobile networks for buyers in Germany. ";
		String text = sentence.repeat(40).strip() + "\n\n" + "Another paragraph follows here.";
		List<String> chunks = Chunker.chunks(text);
		assertThat(chunks).hasSizeGreaterThan(3);
		assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.length()).isLessThanOrEqualTo(Chunker.TARGET));
		for (int i = 1; i < chunks.size(); i++) {
			String previous = chunks.get(i - 1);
			String start = chunks.get(i).substring(0, 20);
			assertThat(previous).as("chunk %d starts with the end of the one before", i).contains(start);
		}
	}

	@Test
	void joinedGivesBackTheParagraphsWithoutTheOverlaps() {
		String text = ("Paragraph about refunds and how they are issued to buyers who return shoes. ".repeat(5).strip()
				+ "\n\n")
			.repeat(4)
			.strip();
		assertThat(Chunker.joined(Chunker.chunks(text))).isEqualTo(text);
	}

	@Test
	void emptyTextHasNoChunk() {
		assertThat(Chunker.chunks("  \n\n ")).isEmpty();
	}

}
