package dev.fortress.content.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.content.ArticleChanged;
import dev.fortress.content.ArticleDeleted;
import dev.fortress.content.ArticleStatus;
import dev.fortress.content.ContentApi;
import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.Ids;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.platform.moderation.ContentModerated;
import dev.fortress.platform.moderation.ContentScreen;
import dev.fortress.platform.moderation.Submission;
import dev.fortress.platform.web.ApiException;
import dev.fortress.tasks.ProjectMembership;

/**
 * Article use cases. Every write renders the body once, appends a version and publishes
 * an {@link ArticleChanged} in its transaction; the row is written only if its version is
 * still the one read under the row lock. A new title or body is screened in the same
 * transaction: a held article stays its author's (and ADMINs') until a moderator approves
 * it, even when PUBLISHED; an edit never releases it.
 */
@Service
public class ArticleService implements ContentApi {

	private final Articles articles;

	private final ArticleAccess access;

	private final ProjectMembership membership;

	static final String TYPE = "article";

	private final ContentScreen screen;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ArticleService(Articles articles, ArticleAccess access, ProjectMembership membership, ContentScreen screen,
			ApplicationEventPublisher events, Clock clock) {
		this.articles = articles;
		this.access = access;
		this.membership = membership;
		this.screen = screen;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Article create(String title, String body, List<String> tags, @Nullable UUID projectId,
			@Nullable ArticleStatus status, CurrentUser user) {
		if (projectId != null) {
			this.access.requireProject(projectId, user);
		}
		Instant now = now();
		ArticleStatus initial = status == null ? ArticleStatus.DRAFT : status;
		UUID id = Ids.newId();
		Article article = new Article(id, user.id(), projectId, title.strip(), body, Markdown.toSafeHtml(body), tags,
				initial, 1, now, now, initial == ArticleStatus.PUBLISHED ? now : null, null);
		// the rules of a change apply to the first one too: only a publisher creates a
		// published article
		this.access.requireWrite(article, initial, user);
		if (screened(id, article.title(), body, user)) {
			article = held(article);
		}
		this.articles.insert(article);
		this.articles.addVersion(article.id(), versionOf(article, user));
		publishChanged(article);
		return article;
	}

	public Article get(UUID id, CurrentUser user) {
		return this.access.requireVisible(find(id), user);
	}

	public List<Article> list(@Nullable String q, @Nullable String tag, @Nullable UUID projectId,
			@Nullable ArticleStatus status, int limit, CurrentUser user) {
		if (projectId != null) {
			this.access.requireProject(projectId, user);
		}
		return this.articles.list(user.id(), user.isAdmin() && !user.isReadOnly(),
				this.membership.viewableProjects(user), q, tag, projectId, status, limit);
	}

	@Transactional
	public Article update(UUID id, ArticlePatch patch, CurrentUser user) {
		Article current = this.access.requireVisible(locked(id), user);
		String title = patch.title() == null ? current.title() : patch.title().strip();
		String body = patch.body() == null ? current.body() : patch.body();
		List<String> tags = patch.tags() == null ? current.tags() : patch.tags();
		ArticleStatus status = patch.status() == null ? current.status() : patch.status();
		return write(current, title, body, tags, status, user);
	}

	/**
	 * Makes the content of an earlier version the current one, as a new version: history
	 * is never rewritten. The status stays.
	 * @throws ApiException 400 for a version the article never had
	 */
	@Transactional
	public Article revert(UUID id, long version, CurrentUser user) {
		Article current = this.access.requireVisible(locked(id), user);
		ArticleVersion target = this.articles.versions(id)
			.stream()
			.filter(candidate -> candidate.version() == version)
			.findFirst()
			.orElseThrow(() -> ApiException.invalid("version", "the article has no version " + version));
		return write(current, target.title(), target.body(), target.tags(), current.status(), user);
	}

	@Transactional
	public void delete(UUID id, CurrentUser user) {
		Article article = this.access.requireVisible(locked(id), user);
		this.access.requireDelete(article, user);
		this.articles.delete(id);
		this.events.publishEvent(new ArticleDeleted(id, EventMetadata.now(this.clock)));
	}

	/**
	 * The versions, oldest first, each with the diff of its body against the one before.
	 */
	public List<ArticleVersion> versions(UUID id, CurrentUser user) {
		this.access.requireVisible(find(id), user);
		List<ArticleVersion> stored = this.articles.versions(id);
		List<ArticleVersion> diffed = new ArrayList<>(stored.size());
		String before = "";
		for (ArticleVersion version : stored) {
			diffed.add(new ArticleVersion(version.version(), version.title(), version.body(), version.tags(),
					version.status(), version.editedBy(), version.createdAt(), LineDiff.of(before, version.body())));
			before = version.body();
		}
		return diffed;
	}

	/** Deletes a deleted project's articles, telling the index about each. */
	@Transactional
	public void deleteProjectArticles(UUID projectId) {
		for (UUID id : this.articles.idsInProject(projectId)) {
			if (this.articles.delete(id)) {
				this.events.publishEvent(new ArticleDeleted(id, EventMetadata.now(this.clock)));
			}
		}
	}

	/**
	 * Applies a moderator's or the screen's decision, announcing the change as usual (the
	 * index follows); one that no longer applies changes nothing.
	 */
	@Transactional
	void moderate(UUID id, ContentModerated.Decision decision) {
		Article article = this.articles.findForUpdate(id).orElse(null);
		if (article == null) {
			return;
		}
		switch (decision) {
			case APPROVED, HIDDEN -> {
				boolean hold = decision == ContentModerated.Decision.HIDDEN;
				if (article.held() != hold && this.articles.hold(id, hold)) {
					publishChanged(article);
				}
			}
			case REMOVED -> {
				if (this.articles.delete(id)) {
					this.events.publishEvent(new ArticleDeleted(id, EventMetadata.now(this.clock)));
				}
			}
		}
	}

	/** Held articles are absent here until approved: the index must not hold them. */
	@Override
	public Optional<ArticleText> article(UUID articleId) {
		return this.articles.find(articleId)
			.filter(a -> !a.held())
			.map(a -> new ArticleText(a.id(), a.authorId(), a.projectId(), a.status(), a.title(), a.body(), a.tags(),
					a.version()));
	}

	@Override
	public List<UUID> articleIds(@Nullable UUID after, int limit) {
		return this.articles.idsAfter(after, limit);
	}

	private Article write(Article current, String title, String body, List<String> tags, ArticleStatus status,
			CurrentUser user) {
		this.access.requireWrite(current, status, user);
		if (title.equals(current.title()) && body.equals(current.body()) && tags.equals(current.tags())
				&& status == current.status()) {
			return current;
		}
		boolean textChanged = !title.equals(current.title()) || !body.equals(current.body());
		boolean held = current.held() || (textChanged && screened(current.id(), title, body, user));
		Instant now = now();
		Instant publishedAt = status != ArticleStatus.PUBLISHED ? null
				: current.status() == ArticleStatus.PUBLISHED ? current.publishedAt() : now;
		String html = body.equals(current.body()) ? current.html() : Markdown.toSafeHtml(body);
		Article next = new Article(current.id(), current.authorId(), current.projectId(), title, body, html, tags,
				status, current.version() + 1, current.createdAt(), now, publishedAt, held ? Article.HELD : null);
		if (!this.articles.update(next, current.version())) {
			// impossible under the row lock; kept as a guard against a future unlocked
			// read
			throw ApiException.conflict("The article was changed concurrently; retry");
		}
		this.articles.addVersion(next.id(), versionOf(next, user));
		publishChanged(next);
		return next;
	}

	/** Whether the screen holds this title and body. */
	private boolean screened(UUID id, String title, String body, CurrentUser user) {
		return this.screen.screen(new Submission(TYPE, id, user.id(), title + "\n\n" + body)).held();
	}

	private static Article held(Article article) {
		return new Article(article.id(), article.authorId(), article.projectId(), article.title(), article.body(),
				article.html(), article.tags(), article.status(), article.version(), article.createdAt(),
				article.updatedAt(), article.publishedAt(), Article.HELD);
	}

	private ArticleVersion versionOf(Article article, CurrentUser user) {
		return new ArticleVersion(article.version(), article.title(), article.body(), article.tags(), article.status(),
				user.id(), article.updatedAt(), List.of());
	}

	private void publishChanged(Article article) {
		this.events.publishEvent(new ArticleChanged(article.id(), article.version(), EventMetadata.now(this.clock)));
	}

	private Article find(UUID id) {
		return this.articles.find(id).orElseThrow(() -> ApiException.notFound("Article"));
	}

	private Article locked(UUID id) {
		return this.articles.findForUpdate(id).orElseThrow(() -> ApiException.notFound("Article"));
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
