package dev.fortress.bench.knowledge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The moderation screen's semantic check in process, over a range of
 * {@code hold-similarity} thresholds: the same model (all-MiniLM-L6-v2, unit vectors),
 * the product's labelled set, {@code k} = 5 nearest examples voting, a vote counting
 * from the threshold, held when more than half of the {@code k} are counting flagged
 * examples, texts under four words passing — as the product's {@code NearestLabels}
 * does. The lines to judge come as {@code label<TAB>text} ({@code ok}, {@code spam},
 * {@code abuse}); the harness prints its quality run's lines so:
 *
 * <pre>
 * java -cp bench/harness/target/harness.jar dev.fortress.bench.scenario.WorkLines &gt; lines.tsv
 * java -cp 'bench/knowledge/target/knowledge-bench.jar:bench/knowledge/target/lib/*' \
 *   dev.fortress.bench.knowledge.ModerationSweep src/main/resources/moderation/labelled.tsv lines.tsv
 * </pre>
 *
 * Only the semantic check: the text rules and the posting rate are not applied here.
 */
public final class ModerationSweep {

	private static final int K = 5;

	private static final double[] THRESHOLDS = { 0.25, 0.28, 0.30, 0.32, 0.33, 0.34, 0.35, 0.40, 0.45 };

	private ModerationSweep() {
	}

	public static void main(String[] args) throws Exception {
		List<String[]> examples = tsv(Path.of(args[0]));
		List<String[]> lines = tsv(Path.of(args[1]));
		AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
		float[][] known = embed(model, examples);
		float[][] judged = embed(model, lines);
		System.out.println("| hold-similarity | ok held | spam held | abuse held |");
		System.out.println("|---:|---:|---:|---:|");
		Map<String, List<String>> heldOk = new LinkedHashMap<>();
		for (double threshold : THRESHOLDS) {
			Map<String, int[]> counts = new LinkedHashMap<>();
			for (int i = 0; i < lines.size(); i++) {
				String label = lines.get(i)[0];
				int[] count = counts.computeIfAbsent(label, (l) -> new int[2]);
				count[1]++;
				double nearest = held(lines.get(i)[1], judged[i], known, examples, threshold);
				if (nearest > 0) {
					count[0]++;
					if (label.equals("ok")) {
						heldOk.computeIfAbsent(String.format("%.2f", threshold), (t) -> new ArrayList<>())
							.add(String.format("%s (nearest flagged %.2f)", lines.get(i)[1], nearest));
					}
				}
			}
			System.out.printf("| %.2f | %s | %s | %s |%n", threshold, share(counts.get("ok")),
					share(counts.get("spam")), share(counts.get("abuse")));
		}
		heldOk.forEach((threshold, held) -> {
			System.out.println();
			System.out.println("ok lines held at " + threshold + ":");
			held.forEach((line) -> System.out.println("  " + line));
		});
	}

	/** The nearest flagged example's similarity when the text is held, else 0. */
	private static double held(String text, float[] vector, float[][] known, List<String[]> examples,
			double threshold) {
		if (text.strip().split("\\s+").length < 4) {
			return 0;
		}
		Integer[] order = new Integer[known.length];
		double[] similarity = new double[known.length];
		for (int i = 0; i < known.length; i++) {
			order[i] = i;
			similarity[i] = dot(vector, known[i]);
		}
		Arrays.sort(order, Comparator.comparingDouble((Integer i) -> similarity[i]).reversed());
		int votes = 0;
		double nearest = 0;
		for (int rank = 0; rank < K; rank++) {
			boolean flagged = !examples.get(order[rank])[0].equals("ok");
			if (flagged) {
				nearest = Math.max(nearest, similarity[order[rank]]);
				if (similarity[order[rank]] >= threshold) {
					votes++;
				}
			}
		}
		return votes * 2 > K ? nearest : 0;
	}

	private static float[][] embed(AllMiniLmL6V2EmbeddingModel model, List<String[]> rows) {
		List<TextSegment> segments = rows.stream().map((row) -> TextSegment.from(row[1])).toList();
		return model.embedAll(segments).content().stream().map((e) -> normalised(e.vector())).toArray(float[][]::new);
	}

	private static float[] normalised(float[] v) {
		double norm = 0;
		for (float x : v) {
			norm += x * x;
		}
		float[] out = new float[v.length];
		for (int i = 0; i < v.length; i++) {
			out[i] = (float) (v[i] / Math.sqrt(norm));
		}
		return out;
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	private static String share(int[] count) {
		return count == null ? "–"
				: String.format("%d of %d (%.1f %%)", count[0], count[1], 100.0 * count[0] / count[1]);
	}

	/** {@code label<TAB>text} rows, comments and blank lines skipped. */
	private static List<String[]> tsv(Path path) throws Exception {
		List<String[]> rows = new ArrayList<>();
		for (String line : Files.readAllLines(path)) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] parts = line.split("\t", 2);
			rows.add(new String[] { parts[0].trim(), parts[1].trim() });
		}
		return rows;
	}

}
