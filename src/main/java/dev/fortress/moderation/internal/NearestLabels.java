package dev.fortress.moderation.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

import dev.fortress.knowledge.EmbeddingModel;
import dev.fortress.moderation.internal.LabelledSet.Example;

/**
 * The semantic check: a text's {@code k} nearest labelled examples by cosine similarity
 * vote. If more than half of the {@code k} are flagged examples at least
 * {@code holdSimilarity} away, the text is held with the commonest flagged label;
 * otherwise, if its nearest flagged example is at least {@code greySimilarity} away, it
 * is borderline (the language model may look at it after the commit). The examples are
 * embedded once, on first use; a text costs one embedding and a dot product per example.
 * Texts of fewer than {@link #MIN_WORDS} words pass unexamined: a few words carry too
 * little meaning for the model, which puts them 0.2–0.4 from whatever is nearest ("react
 * to me" has three spam lines among its five nearest).
 */
final class NearestLabels {

	static final int MIN_WORDS = 4;

	private static final Verdict PASSED = new Verdict(null, false, 0);

	private final EmbeddingModel model;

	private final List<Example> examples;

	private final Supplier<float[][]> vectors;

	private final int k;

	private final double holdSimilarity;

	private final double greySimilarity;

	NearestLabels(EmbeddingModel model, List<Example> examples, int k, double holdSimilarity, double greySimilarity) {
		this.model = model;
		this.examples = List.copyOf(examples);
		this.k = Math.min(k, examples.size());
		this.holdSimilarity = holdSimilarity;
		this.greySimilarity = greySimilarity;
		this.vectors = SingletonSupplier
			.of(() -> model.embedAll(this.examples.stream().map(Example::text).toList()).toArray(float[][]::new));
	}

	/** Embeds the examples now rather than on the first screening. */
	void warmUp() {
		this.vectors.get();
	}

	Verdict classify(String text) {
		if (text.strip().split("\\s+").length < MIN_WORDS) {
			return PASSED;
		}
		float[] vector = this.model.embed(text);
		float[][] known = this.vectors.get();
		Integer[] order = new Integer[known.length];
		double[] similarity = new double[known.length];
		for (int i = 0; i < known.length; i++) {
			order[i] = i;
			similarity[i] = dot(vector, known[i]);
		}
		Arrays.sort(order, Comparator.comparingDouble((Integer i) -> similarity[i]).reversed());
		Map<String, Integer> votes = new LinkedHashMap<>();
		double nearestFlagged = 0;
		for (int rank = 0; rank < this.k; rank++) {
			Example example = this.examples.get(order[rank]);
			double score = similarity[order[rank]];
			if (example.flagged()) {
				nearestFlagged = Math.max(nearestFlagged, score);
				if (score >= this.holdSimilarity) {
					votes.merge(example.label(), 1, Integer::sum);
				}
			}
		}
		int flaggedVotes = votes.values().stream().mapToInt(Integer::intValue).sum();
		if (flaggedVotes * 2 > this.k) {
			String label = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
			return new Verdict(label, false, nearestFlagged);
		}
		return new Verdict(null, nearestFlagged >= this.greySimilarity, nearestFlagged);
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	/**
	 * @param label the flagged label to hold the text for, null when it passed
	 * @param grey whether a passed text is borderline
	 * @param nearestFlagged the similarity of its nearest flagged example among the k
	 */
	record Verdict(@Nullable String label, boolean grey, double nearestFlagged) {

		boolean held() {
			return this.label != null;
		}

	}

}
