package dev.fortress.knowledge.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import dev.fortress.catalog.CatalogApi;
import dev.fortress.identity.CurrentUser;
import dev.fortress.knowledge.EmbeddingModel;
import dev.fortress.platform.web.ApiException;
import dev.fortress.tasks.ProjectMembership;
import dev.fortress.tasks.TaskTexts;

/**
 * Nearest neighbours of a task or product among what the caller may read, itself
 * excluded; for a BUG, the other BUGs close enough to be the same bug. The source's own
 * stored embedding is the query (its first chunk, which carries its title); one not
 * indexed yet is embedded on the spot.
 */
@Service
public class RelatedItems {

	private static final int DEPTH = 4;

	private final TaskTexts tasks;

	private final CatalogApi catalog;

	private final ProjectMembership membership;

	private final KnowledgeStore store;

	private final EmbeddingModel model;

	private final VectorIndex index;

	private final ReadableScopes scopes;

	private final double duplicateSimilarity;

	RelatedItems(TaskTexts tasks, CatalogApi catalog, ProjectMembership membership, KnowledgeStore store,
			EmbeddingModel model, VectorIndex index, ReadableScopes scopes, KnowledgeProperties properties) {
		this.tasks = tasks;
		this.catalog = catalog;
		this.membership = membership;
		this.store = store;
		this.model = model;
		this.index = index;
		this.scopes = scopes;
		this.duplicateSimilarity = properties.duplicateSimilarity();
	}

	/**
	 * @throws ApiException 404 for a task the caller may not see
	 */
	public Related ofTask(UUID taskId, CurrentUser user, int limit) {
		TaskTexts.TaskText task = this.tasks.task(taskId)
			.filter(found -> this.membership.canView(found.projectId(), user))
			.orElseThrow(() -> ApiException.notFound("Task"));
		String text = task.title() + "\n" + (task.description() == null ? "" : task.description());
		List<Neighbour> neighbours = neighbours(Sources.TASK, taskId, text, Set.of(), user, limit);
		List<SearchResult> duplicates = !"BUG".equals(task.type()) ? List.of()
				: neighbours.stream()
					.filter(n -> Sources.TASK.equals(n.result().type()) && "BUG".equals(n.kind())
							&& n.result().score() >= this.duplicateSimilarity)
					.map(Neighbour::result)
					.toList();
		return new Related(results(neighbours), duplicates);
	}

	/**
	 * @throws ApiException 404 for an unknown product
	 */
	public Related ofProduct(UUID productId, CurrentUser user, int limit) {
		CatalogApi.ProductText product = this.catalog.productText(productId)
			.orElseThrow(() -> ApiException.notFound("Product"));
		String text = product.name() + "\n" + product.brand() + "\n\n" + Objects.toString(product.description(), "");
		return new Related(results(neighbours(Sources.PRODUCT, productId, text, Set.of(Sources.PRODUCT), user, limit)),
				List.of());
	}

	private List<Neighbour> neighbours(String type, UUID id, String text, Set<String> types, CurrentUser user,
			int limit) {
		List<Chunk> own = this.store.chunks(type, id);
		float[] vector = own.isEmpty() ? this.model.embed(text) : own.get(0).embedding();
		List<Hit> hits = this.index.nearest(vector, this.scopes.filter(user, types, Chunk.key(type, id)),
				limit * DEPTH);
		Map<String, Neighbour> bySource = new LinkedHashMap<>();
		for (Hit hit : hits) {
			// Lucene scores DOT_PRODUCT as (1 + cosine) / 2 for unit vectors
			double cosine = 2.0 * hit.score() - 1.0;
			bySource.putIfAbsent(hit.sourceKey(), new Neighbour(new SearchResult(hit.type(), hit.id(), hit.title(),
					HybridSearch.snippet(hit.text()), Math.round(cosine * 10_000) / 10_000.0), hit.kind()));
		}
		return bySource.values().stream().limit(limit).toList();
	}

	private static List<SearchResult> results(List<Neighbour> neighbours) {
		return neighbours.stream().map(Neighbour::result).toList();
	}

	/** A related source and its finer type ({@code BUG}). */
	private record Neighbour(SearchResult result, @Nullable String kind) {
	}

	/**
	 * @param duplicates for a BUG, the related BUGs similar enough to be the same one
	 */
	public record Related(List<SearchResult> items, List<SearchResult> duplicates) {
	}

}
