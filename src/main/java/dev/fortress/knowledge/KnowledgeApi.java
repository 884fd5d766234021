package dev.fortress.knowledge;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fortress.identity.CurrentUser;

/**
 * Retrieval for other modules (answers, moderation): the passages most relevant to a
 * query among what the caller may read, decided inside the index before the top k are
 * taken, never by dropping results afterwards.
 */
public interface KnowledgeApi {

	/**
	 * The best passages for the query, best first, at most one per source.
	 * @param types the source types to search, empty for all
	 * @param k how many, 1 to 50
	 */
	default List<Passage> retrieve(CurrentUser user, String query, Set<String> types, int k) {
		return retrieve(user, query, types, null, k);
	}

	/**
	 * As {@link #retrieve(CurrentUser, String, Set, int)}, narrowed to one project's
	 * passages (its tasks, comments and published articles) when {@code projectId} is
	 * given. The narrowing is an extra filter inside the index, on top of the caller's
	 * readable scopes: a project the caller may not read yields nothing, never its
	 * passages. Callers that want a {@code 404} for such a project check
	 * {@code ProjectMembership.canView} first.
	 */
	List<Passage> retrieve(CurrentUser user, String query, Set<String> types, @Nullable UUID projectId, int k);

}
