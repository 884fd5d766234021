package dev.fortress.bench.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Measures the knowledge index as the product builds it (all-MiniLM-L6-v2 in process,
 * Lucene HNSW with DOT_PRODUCT on unit vectors, BM25 on the same documents, a scope
 * filter inside the query, reciprocal rank fusion with k = 60). Arguments: chunks,
 * queries, report file.
 */
public final class KnowledgeBench {

	private static final int REAL = 2_000;

	private static final int SCOPES = 500;

	private static final int READABLE_SCOPES = 50;

	private static final int K = 10;

	private static final Analyzer ANALYZER = new EnglishAnalyzer();

	private final Random random = new Random(42);

	private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

	private final StringBuilder report = new StringBuilder();

	public static void main(String[] args) throws IOException {
		int chunks = Integer.parseInt(args[0]);
		int queries = Integer.parseInt(args[1]);
		Path out = Path.of(args[2]);
		KnowledgeBench bench = new KnowledgeBench();
		bench.run(chunks, queries);
		Files.writeString(out, bench.report.toString());
		System.out.println(bench.report);
	}

	private void run(int chunks, int queries) throws IOException {
		line("| measure | value |");
		line("|---|---|");
		// warm the model up (loading, JIT)
		this.model.embedAll(segments(Corpus.texts(this.random, 64)));

		List<String> texts = Corpus.texts(this.random, REAL);
		long start = System.nanoTime();
		List<float[]> real = new ArrayList<>();
		for (int i = 0; i < texts.size(); i += 32) {
			real.addAll(embed(texts.subList(i, Math.min(texts.size(), i + 32))));
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		row("embedding throughput, batches of 32 (chunks/s)", fmt(REAL / seconds));
		row("embedding, mean chunk length (characters)",
				fmt(texts.stream().mapToInt(String::length).average().orElse(0)));
		start = System.nanoTime();
		for (String text : texts.subList(0, 100)) {
			this.model.embed(text);
		}
		seconds = (System.nanoTime() - start) / 1e9;
		row("embedding throughput, one chunk per call (chunks/s)", fmt(100 / seconds));
		long[] single = new long[100];
		List<String> questions = Corpus.questions(this.random, Math.max(queries, 100));
		for (int i = 0; i < single.length; i++) {
			long t = System.nanoTime();
			this.model.embed(questions.get(i));
			single[i] = System.nanoTime() - t;
		}
		row("query embedding p50 / p99 (ms)", ms(percentile(single, 50)) + " / " + ms(percentile(single, 99)));

		float[][] vectors = new float[chunks][];
		String[] docTexts = new String[chunks];
		int[] scopes = new int[chunks];
		for (int i = 0; i < chunks; i++) {
			int a = i < REAL ? i : this.random.nextInt(REAL);
			vectors[i] = i < REAL ? real.get(i) : mix(real.get(a), real.get(this.random.nextInt(REAL)));
			docTexts[i] = texts.get(a);
			scopes[i] = this.random.nextInt(SCOPES);
		}

		Path dir = Files.createTempDirectory("knowledge-bench");
		try (FSDirectory directory = FSDirectory.open(dir);
				IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(ANALYZER))) {
			start = System.nanoTime();
			long[] batches = new long[(chunks + 499) / 500];
			for (int b = 0; b < batches.length; b++) {
				long t = System.nanoTime();
				for (int i = b * 500; i < Math.min(chunks, (b + 1) * 500); i++) {
					writer.addDocument(document(i, docTexts[i], scopes[i], vectors[i]));
				}
				writer.commit();
				batches[b] = System.nanoTime() - t;
			}
			seconds = (System.nanoTime() - start) / 1e9;
			row("indexing " + chunks + " chunks, 500 per commit (chunks/s)", fmt(chunks / seconds));
			row("index commit of 500 chunks p50 / p99 (ms)",
					ms(percentile(batches, 50)) + " / " + ms(percentile(batches, 99)));
			try (DirectoryReader reader = DirectoryReader.open(writer)) {
				IndexSearcher searcher = new IndexSearcher(reader);
				row("segments", String.valueOf(reader.leaves().size()));
				measureSearch(searcher, questions.subList(0, queries), vectors, scopes, chunks);
			}
		}
		finally {
			deleteAll(dir);
		}
		hitRate();
	}

	private void measureSearch(IndexSearcher searcher, List<String> questions, float[][] vectors, int[] scopes,
			int chunks) throws IOException {
		List<float[]> queryVectors = embed(questions);
		int[] candidates = { K, 40, 100 };
		int n = questions.size();
		long[][] unfiltered = new long[candidates.length][n];
		long[][] filtered = new long[candidates.length][n];
		double[] recallAll = new double[candidates.length];
		double[] recallFiltered = new double[candidates.length];
		long[] hybrid = new long[n];
		for (int q = 0; q < n; q++) {
			float[] vector = queryVectors.get(q);
			Set<Integer> readable = new HashSet<>();
			while (readable.size() < READABLE_SCOPES) {
				readable.add(this.random.nextInt(SCOPES));
			}
			Query filter = new TermInSetQuery("scope",
					readable.stream().map(s -> new BytesRef("scope:" + s)).toList());
			int[] exactAll = exact(vector, vectors, null, scopes, chunks);
			int[] exactFiltered = exact(vector, vectors, readable, scopes, chunks);
			for (int c = 0; c < candidates.length; c++) {
				long t = System.nanoTime();
				ScoreDoc[] approx = searcher.search(new KnnFloatVectorQuery("vector", vector, candidates[c]), K).scoreDocs;
				unfiltered[c][q] = System.nanoTime() - t;
				recallAll[c] += recall(searcher, approx, exactAll);
				t = System.nanoTime();
				ScoreDoc[] approxFiltered = searcher
					.search(new KnnFloatVectorQuery("vector", vector, candidates[c], filter), K).scoreDocs;
				filtered[c][q] = System.nanoTime() - t;
				recallFiltered[c] += recall(searcher, approxFiltered, exactFiltered);
			}
			long t = System.nanoTime();
			ScoreDoc[] words = searcher.search(bm25(questions.get(q), filter), K * 4).scoreDocs;
			ScoreDoc[] meaning = searcher.search(new KnnFloatVectorQuery("vector", vector, 100, filter), K * 4).scoreDocs;
			fuse(words, meaning);
			hybrid[q] = System.nanoTime() - t;
		}
		for (int c = 0; c < candidates.length; c++) {
			row("kNN top 10 of " + candidates[c] + " candidates, no filter: p50 / p99 (ms), recall@10 vs exact",
					ms(percentile(unfiltered[c], 50)) + " / " + ms(percentile(unfiltered[c], 99)) + ", "
							+ fmt3(recallAll[c] / n));
			row("kNN top 10 of " + candidates[c]
					+ " candidates, scope filter (10 % readable): p50 / p99 (ms), recall@10 vs exact",
					ms(percentile(filtered[c], 50)) + " / " + ms(percentile(filtered[c], 99)) + ", "
							+ fmt3(recallFiltered[c] / n));
		}
		row("hybrid search in the index (BM25 40 + kNN 100 candidates, filtered, fused): p50 / p99 (ms)",
				ms(percentile(hybrid, 50)) + " / " + ms(percentile(hybrid, 99)));
		row("queries", String.valueOf(n));
	}

	/** Retrieval quality: the right document in the top 5, among the documents and distractors. */
	private void hitRate() throws IOException {
		Path dir = Files.createTempDirectory("knowledge-hits");
		try (FSDirectory directory = FSDirectory.open(dir);
				IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(ANALYZER))) {
			List<Labelled.Doc> docs = Labelled.DOCS;
			List<float[]> docVectors = embed(docs.stream().map(d -> d.title() + "\n" + d.text()).toList());
			for (int i = 0; i < docs.size(); i++) {
				Document doc = document(i, docs.get(i).title() + "\n" + docs.get(i).text(), 0, docVectors.get(i));
				doc.add(new StoredField("label", docs.get(i).id()));
				writer.addDocument(doc);
			}
			List<String> distractors = Corpus.texts(new Random(7), 300);
			List<float[]> distractorVectors = embed(distractors);
			for (int i = 0; i < distractors.size(); i++) {
				Document doc = document(docs.size() + i, distractors.get(i), 0, distractorVectors.get(i));
				doc.add(new StoredField("label", "distractor"));
				writer.addDocument(doc);
			}
			writer.commit();
			try (DirectoryReader reader = DirectoryReader.open(writer)) {
				IndexSearcher searcher = new IndexSearcher(reader);
				int wordsHits = 0;
				int vectorHits = 0;
				int hybridHits = 0;
				Query filter = new MatchAllDocsQuery();
				for (Labelled.Question question : Labelled.QUESTIONS) {
					float[] vector = embed(List.of(question.text())).get(0);
					ScoreDoc[] words = searcher.search(bm25(question.text(), filter), 20).scoreDocs;
					ScoreDoc[] meaning = searcher.search(new KnnFloatVectorQuery("vector", vector, 20), 20).scoreDocs;
					wordsHits += hit(searcher, Arrays.asList(words).subList(0, Math.min(5, words.length)),
							question.docId());
					vectorHits += hit(searcher, Arrays.asList(meaning).subList(0, Math.min(5, meaning.length)),
							question.docId());
					hybridHits += hit(searcher, fuse(words, meaning).subList(0, 5), question.docId());
				}
				int n = Labelled.QUESTIONS.size();
				row("hit rate@5, labelled set (" + n + " questions, " + docs.size() + " documents + "
						+ distractors.size() + " distractors): BM25 / vector / hybrid",
						fmt3((double) wordsHits / n) + " / " + fmt3((double) vectorHits / n) + " / "
								+ fmt3((double) hybridHits / n));
			}
		}
		finally {
			deleteAll(dir);
		}
	}

	private static int hit(IndexSearcher searcher, List<ScoreDoc> top, String label) throws IOException {
		for (ScoreDoc doc : top) {
			if (label.equals(searcher.storedFields().document(doc.doc).get("label"))) {
				return 1;
			}
		}
		return 0;
	}

	/** Reciprocal rank fusion of two ranked lists (k = 60), best first. */
	private static List<ScoreDoc> fuse(ScoreDoc[] a, ScoreDoc[] b) {
		Map<Integer, Double> scores = new LinkedHashMap<>();
		for (ScoreDoc[] list : List.of(a, b)) {
			for (int rank = 0; rank < list.length; rank++) {
				scores.merge(list[rank].doc, 1.0 / (60 + rank + 1), Double::sum);
			}
		}
		List<ScoreDoc> fused = new ArrayList<>();
		scores.forEach((doc, score) -> fused.add(new ScoreDoc(doc, score.floatValue())));
		fused.sort(Comparator.comparingDouble((ScoreDoc d) -> d.score).reversed());
		while (fused.size() < 5) {
			fused.add(new ScoreDoc(-1, 0));
		}
		return fused;
	}

	private static Query bm25(String words, Query filter) throws IOException {
		BooleanQuery.Builder text = new BooleanQuery.Builder();
		try (TokenStream stream = ANALYZER.tokenStream("text", words)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				text.add(new TermQuery(new Term("text", term.toString())), Occur.SHOULD);
				text.add(new BoostQuery(new TermQuery(new Term("title", term.toString())), 2f), Occur.SHOULD);
			}
			stream.end();
		}
		return new BooleanQuery.Builder().add(text.build(), Occur.MUST).add(filter, Occur.FILTER).build();
	}

	/** The exact top k by dot product among the chunks in the readable scopes (all if null). */
	private static int[] exact(float[] query, float[][] vectors, Set<Integer> readable, int[] scopes, int n) {
		PriorityQueue<double[]> top = new PriorityQueue<>(Comparator.comparingDouble(e -> e[0]));
		for (int i = 0; i < n; i++) {
			if (readable != null && !readable.contains(scopes[i])) {
				continue;
			}
			double dot = 0;
			for (int d = 0; d < query.length; d++) {
				dot += query[d] * vectors[i][d];
			}
			top.add(new double[] { dot, i });
			if (top.size() > K) {
				top.poll();
			}
		}
		return top.stream().mapToInt(e -> (int) e[1]).toArray();
	}

	private static double recall(IndexSearcher searcher, ScoreDoc[] approx, int[] exact) throws IOException {
		Set<Integer> truth = new HashSet<>();
		for (int i : exact) {
			truth.add(i);
		}
		int found = 0;
		for (ScoreDoc doc : approx) {
			int n = searcher.storedFields().document(doc.doc).getField("n").numericValue().intValue();
			if (truth.contains(n)) {
				found++;
			}
		}
		return truth.isEmpty() ? 1 : (double) found / truth.size();
	}

	private static Document document(int n, String text, int scope, float[] vector) {
		Document doc = new Document();
		doc.add(new StoredField("n", n));
		doc.add(new StringField("scope", "scope:" + scope, Field.Store.NO));
		doc.add(new TextField("text", text, Field.Store.YES));
		doc.add(new KnnFloatVectorField("vector", vector, VectorSimilarityFunction.DOT_PRODUCT));
		return doc;
	}

	/**
	 * A synthetic chunk vector near real ones: a random mix of two real embeddings plus
	 * noise, normalised. Clustered like real text, unlike uniform random vectors.
	 */
	private float[] mix(float[] a, float[] b) {
		double w = 0.6 + 0.4 * this.random.nextDouble();
		float[] v = new float[a.length];
		for (int i = 0; i < v.length; i++) {
			v[i] = (float) (w * a[i] + (1 - w) * b[i] + 0.02 * this.random.nextGaussian());
		}
		return normalised(v);
	}

	private List<float[]> embed(List<String> texts) {
		List<float[]> vectors = new ArrayList<>();
		this.model.embedAll(segments(texts)).content().forEach(e -> vectors.add(normalised(e.vector())));
		return vectors;
	}

	private static List<TextSegment> segments(List<String> texts) {
		return texts.stream().map(TextSegment::from).toList();
	}

	private static float[] normalised(float[] v) {
		double sum = 0;
		for (float x : v) {
			sum += x * x;
		}
		float norm = (float) Math.sqrt(sum);
		float[] unit = new float[v.length];
		for (int i = 0; i < v.length; i++) {
			unit[i] = v[i] / norm;
		}
		return unit;
	}

	private static long percentile(long[] values, int p) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static String ms(long nanos) {
		return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
	}

	private static String fmt(double value) {
		return String.format(Locale.ROOT, "%.0f", value);
	}

	private static String fmt3(double value) {
		return String.format(Locale.ROOT, "%.3f", value);
	}

	private void row(String measure, String value) {
		line("| " + measure + " | " + value + " |");
		System.err.println(measure + ": " + value);
	}

	private void line(String text) {
		this.report.append(text).append('\n');
	}

	private static void deleteAll(Path dir) throws IOException {
		try (var paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
	}

}
