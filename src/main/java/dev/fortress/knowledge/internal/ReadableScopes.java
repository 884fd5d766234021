package dev.fortress.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.fortress.chat.ChatApi;
import dev.fortress.identity.CurrentUser;
import dev.fortress.tasks.ProjectMembership;

/**
 * The Lucene filter of what a caller may read, built per search from the owning modules'
 * rules as they are now: public content, their own drafts, the projects they may view
 * (all of them for an ADMIN), the channels chat says they may read. The filter is part of
 * the index query, so the top k are taken among readable chunks only; and since scopes
 * are resolved at query time, a membership change needs no re-index.
 */
@Component
class ReadableScopes {

	private static final String CHANNEL = "channel:";

	private final ProjectMembership projects;

	private final ObjectProvider<ChatApi> chat;

	private final VectorIndex index;

	ReadableScopes(ProjectMembership projects, ObjectProvider<ChatApi> chat, VectorIndex index) {
		this.projects = projects;
		this.chat = chat;
		this.index = index;
	}

	/**
	 * @param types the source types to admit, empty for all
	 * @param exclude a source key to leave out (related items exclude their source)
	 */
	Query filter(CurrentUser user, Set<String> types, @Nullable String exclude) {
		return filter(user, types, exclude, null);
	}

	/**
	 * @param within one scope to narrow to ({@code project:<id>}), on top of, never
	 * instead of, the readable ones
	 */
	Query filter(CurrentUser user, Set<String> types, @Nullable String exclude, @Nullable String within) {
		List<BytesRef> scopes = new ArrayList<>();
		scopes.add(new BytesRef(Sources.PUBLIC));
		scopes.add(new BytesRef("user:" + user.id()));
		Set<UUID> viewable = this.projects.viewableProjects(user);
		if (viewable != null) {
			viewable.forEach(project -> scopes.add(new BytesRef(Sources.project(project))));
		}
		ChatApi chatApi = this.chat.getIfAvailable();
		if (chatApi != null) {
			chatApi.readableChannelIds(user).forEach(channel -> scopes.add(new BytesRef(CHANNEL + channel)));
		}
		BooleanQuery.Builder readable = new BooleanQuery.Builder().add(new TermInSetQuery("scope", scopes),
				Occur.SHOULD);
		if (viewable == null) {
			readable.add(new PrefixQuery(new Term("scope", "project:")), Occur.SHOULD);
		}
		BooleanQuery.Builder filter = new BooleanQuery.Builder().add(readable.build(), Occur.FILTER);
		if (!types.isEmpty()) {
			filter.add(new TermInSetQuery("type", types.stream().map(BytesRef::new).toList()), Occur.FILTER);
		}
		if (exclude != null) {
			filter.add(new TermQuery(new Term("source", exclude)), Occur.MUST_NOT);
		}
		if (within != null) {
			filter.add(new TermQuery(new Term("scope", within)), Occur.FILTER);
		}
		return filter.build();
	}

}
