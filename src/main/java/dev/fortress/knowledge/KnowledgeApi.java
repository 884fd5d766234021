package dev.fortress.knowledge;

import java.util.List;
import java.util.Set;

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
	List<Passage> retrieve(CurrentUser user, String query, Set<String> types, int k);

}
