package dev.fortress.knowledge.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.fortress.identity.CurrentUser;
import dev.fortress.knowledge.EmbeddingModel;
import dev.fortress.knowledge.KnowledgeApi;
import dev.fortress.knowledge.Passage;

/**
 * Hybrid search: BM25 on the words and HNSW on the query's embedding, each over the
 * caller's readable chunks only, merged by reciprocal rank fusion (a source scores
 * {@code sum 1/(60 + rank)} over the two lists, by its best chunk in each). Fusion needs
 * no calibration between BM25 scores and cosines, which do not compare; a source both
 * lists rank well beats one only a single list likes.
 */
@Service
public class HybridSearch implements KnowledgeApi {

	/** Types a caller may ask for. */
	public static final Set<String> TYPES = Set.of(Sources.TASK, Sources.COMMENT, Sources.MESSAGE, Sources.PRODUCT,
			Sources.ARTICLE);

	static final int RRF_K = 60;

	/**
	 * Each list looks this many times deeper than the answer, for fusion to work with.
	 */
	private static final int DEPTH = 4;

	private static final int SNIPPET = 240;

	private final EmbeddingModel model;

	private final VectorIndex index;

	private final ReadableScopes scopes;

	private final Timer timer;

	/** The least Lucene score of a vector hit: (1 + cosine) / 2 for unit vectors. */
	private final float minScore;

	HybridSearch(EmbeddingModel model, VectorIndex index, ReadableScopes scopes, KnowledgeProperties properties,
			MeterRegistry meters) {
		this.minScore = (float) ((1 + properties.minSimilarity()) / 2);
		this.model = model;
		this.index = index;
		this.scopes = scopes;
		this.timer = Timer.builder("knowledge.search").description("Hybrid searches").register(meters);
	}

	/** The best sources for the query among those the caller may read, best first. */
	public List<SearchResult> search(CurrentUser user, String query, Set<String> types, int limit) {
		return this.timer.record(() -> best(user, query, types, null, limit).stream()
			.map(f -> new SearchResult(f.best.type(), f.best.id(), f.best.title(), snippet(f.best.text()), f.score))
			.toList());
	}

	@Override
	public List<Passage> retrieve(CurrentUser user, String query, Set<String> types, @Nullable UUID projectId, int k) {
		if (k < 1 || k > 50 || query.isBlank() || !TYPES.containsAll(types)) {
			throw new IllegalArgumentException("k must be 1 to 50, the query not blank, the types known");
		}
		return best(user, query, types, projectId, k).stream()
			.map(f -> new Passage(f.best.type(), f.best.id(), f.best.title(), f.best.text(), f.score))
			.toList();
	}

	private List<Fused> best(CurrentUser user, String query, Set<String> types, @Nullable UUID projectId, int limit) {
		Query filter = projectId == null ? this.scopes.filter(user, types, null)
				: this.scopes.filter(user, types, null, Sources.project(projectId));
		int depth = limit * DEPTH;
		List<Hit> words = this.index.matching(query, filter, depth);
		List<Hit> meaning = this.index.nearest(this.model.embed(query), filter, depth)
			.stream()
			.filter(hit -> hit.score() >= this.minScore)
			.toList();
		return fusedBySource(List.of(words, meaning)).values()
			.stream()
			.sorted(Comparator.comparingDouble(Fused::score).reversed())
			.limit(limit)
			.toList();
	}

	private static Map<String, Fused> fusedBySource(List<List<Hit>> lists) {
		Map<String, Fused> fused = new LinkedHashMap<>();
		for (List<Hit> list : lists) {
			Map<String, Integer> bestRank = new LinkedHashMap<>();
			for (int rank = 0; rank < list.size(); rank++) {
				Hit hit = list.get(rank);
				if (bestRank.putIfAbsent(hit.sourceKey(), rank) == null) {
					Fused entry = fused.computeIfAbsent(hit.sourceKey(), key -> new Fused(hit));
					entry.add(1.0 / (RRF_K + rank + 1));
				}
			}
		}
		return fused;
	}

	static String snippet(String text) {
		String flat = text.replaceAll("\\s+", " ").strip();
		return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET - 1) + "…";
	}

	/** A source's fused score and the chunk that represents it (its first best hit). */
	private static final class Fused {

		private final Hit best;

		private double score;

		Fused(Hit best) {
			this.best = best;
		}

		void add(double value) {
			this.score += value;
		}

		double score() {
			return this.score;
		}

	}

}
