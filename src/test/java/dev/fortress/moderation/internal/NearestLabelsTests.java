package dev.fortress.moderation.internal;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.junit.jupiter.api.Test;

import dev.fortress.knowledge.EmbeddingModel;
import dev.fortress.moderation.internal.LabelledSet.Example;
import dev.fortress.moderation.internal.NearestLabels.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The semantic check on the shipped labelled set, with the model the application runs
 * (all-MiniLM-L6-v2): every fourth line is held out, the rest vote. The figures printed
 * here are the ones docs/moderation.md reports for the threshold choice.
 */
class NearestLabelsTests {

	private static final EmbeddingModel MODEL = new MiniLm();

	/**
	 * The shipped {@code hold-similarity} (docs/moderation.md, "Choosing the threshold").
	 */
	private static final double CHOSEN = 0.32;

	private static final List<Example> ALL = LabelledSet.load();

	private static final List<Example> TRAIN = split(false);

	private static final List<Example> HELD_OUT = split(true);

	@Test
	void aHeldOutSpamLineIsHeldAndOrdinaryWorkChatterIsNot() {
		NearestLabels labels = new NearestLabels(MODEL, TRAIN, 5, CHOSEN, 0.4);
		Example spam = HELD_OUT.stream()
			.filter(e -> e.text().startsWith("Make money online fast"))
			.findFirst()
			.orElseThrow();
		Example abuse = HELD_OUT.stream().filter(e -> e.text().startsWith("Shut up")).findFirst().orElseThrow();

		assertThat(labels.classify(spam.text()).label()).as(spam.text()).isEqualTo("spam");
		assertThat(labels.classify(abuse.text()).label()).as(abuse.text()).isEqualTo("abuse");
		assertThat(labels.classify("Earn money fast from home, guaranteed daily profit, sign up today").label())
			.isEqualTo("spam");
		List<String> ordinary = new ArrayList<>(List.of("Can you look at the failing build before lunch?", "teh plan",
				"The release notes are in the wiki", "hello", "m1", "race", "react to me", "burst 7",
				"Bob, the invoice export is wrong for March", "Welcome to the channel", "Looks good to me"));
		HELD_OUT.stream().filter(e -> !e.flagged()).forEach(e -> ordinary.add(e.text()));
		for (String text : ordinary) {
			assertThat(labels.classify(text).held()).as(text).isFalse();
		}
	}

	@Test
	void theChosenThresholdsPrecisionAndRecallOnTheHeldOutLines() {
		StringBuilder table = new StringBuilder("threshold precision recall false-positives\n");
		double chosenPrecision = 0;
		double chosenRecall = 0;
		for (double threshold : new double[] { 0.2, 0.25, 0.3, 0.32, 0.35, 0.4, 0.45 }) {
			NearestLabels labels = new NearestLabels(MODEL, TRAIN, 5, threshold, 1);
			int truePositives = 0;
			int falsePositives = 0;
			int flagged = 0;
			for (Example example : HELD_OUT) {
				Verdict verdict = labels.classify(example.text());
				flagged += example.flagged() ? 1 : 0;
				if (verdict.held()) {
					if (example.flagged()) {
						truePositives++;
					}
					else {
						falsePositives++;
					}
				}
			}
			double precision = (truePositives + falsePositives) == 0 ? 1
					: (double) truePositives / (truePositives + falsePositives);
			double recall = (double) truePositives / flagged;
			table.append("%.2f %.2f %.2f %d%n".formatted(threshold, precision, recall, falsePositives));
			if (threshold == CHOSEN) {
				chosenPrecision = precision;
				chosenRecall = recall;
			}
		}
		System.out.println(table);
		assertThat(chosenPrecision).as(table.toString()).isEqualTo(1.0);
		// a quarter of 92 lines is a small sample (12 flagged lines): the benchmark's 60
		// fresh
		// spam and abuse lines measure the catch rate (docs/performance.md, "Moderation")
		assertThat(chosenRecall).as(table.toString()).isGreaterThan(0.3);
	}

	private static List<Example> split(boolean heldOut) {
		List<Example> part = new ArrayList<>();
		for (int i = 0; i < ALL.size(); i++) {
			if ((i % 4 == 3) == heldOut) {
				part.add(ALL.get(i));
			}
		}
		return part;
	}

	/** The application's model, normalised as the knowledge module's adapter does. */
	private static final class MiniLm implements EmbeddingModel {

		private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

		@Override
		public int dimensions() {
			return 384;
		}

		@Override
		public float[] embed(String text) {
			return normalised(this.model.embed(text).content().vector());
		}

		@Override
		public List<float[]> embedAll(List<String> texts) {
			return this.model.embedAll(texts.stream().map(TextSegment::from).toList())
				.content()
				.stream()
				.map(e -> normalised(e.vector()))
				.toList();
		}

		private static float[] normalised(float[] vector) {
			double norm = 0;
			for (float v : vector) {
				norm += v * v;
			}
			float scale = (float) (1 / Math.sqrt(norm));
			float[] out = new float[vector.length];
			for (int i = 0; i < vector.length; i++) {
				out[i] = vector[i] * scale;
			}
			return out;
		}

	}

}
