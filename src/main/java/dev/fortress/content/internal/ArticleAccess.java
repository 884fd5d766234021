package dev.fortress.content.internal;

import org.springframework.stereotype.Component;

import dev.fortress.content.ArticleStatus;
import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;
import dev.fortress.tasks.ProjectMembership;

/**
 * Who may see and change an article (docs/knowledge.md, "Articles"). Its author writes
 * it; its publishers (a project article's project OWNERs, a workspace article's ADMINs)
 * review and publish it. A DRAFT is its author's alone, REVIEW adds the publishers,
 * PUBLISHED adds everyone who may read the project (anyone signed in, for a workspace
 * article). An article the caller may not see is a 404; one they see but may not change,
 * a 403. A held article is its author's and ADMINs' alone until a moderator approves it.
 */
@Component
class ArticleAccess {

	private final ProjectMembership membership;

	ArticleAccess(ProjectMembership membership) {
		this.membership = membership;
	}

	boolean canSee(Article article, CurrentUser user) {
		if (article.authorId().equals(user.id())) {
			return true;
		}
		if (article.held()) {
			// until a moderator approves it, whatever its status
			return user.isAdmin();
		}
		return switch (article.status()) {
			case DRAFT -> false;
			case REVIEW -> isPublisher(article, user);
			case PUBLISHED -> article.projectId() == null || this.membership.canView(article.projectId(), user);
		};
	}

	boolean isPublisher(Article article, CurrentUser user) {
		if (user.isReadOnly()) {
			return false;
		}
		return article.projectId() == null ? user.isAdmin() : this.membership.canManage(article.projectId(), user);
	}

	/**
	 * @throws ApiException 404 unless the caller may see the article
	 */
	Article requireVisible(Article article, CurrentUser user) {
		if (!canSee(article, user)) {
			throw ApiException.notFound("Article");
		}
		return article;
	}

	/**
	 * Whether the caller may take the article from its status to the next, changing its
	 * content or not. An author who is not a publisher works on DRAFTs and REVIEWs, and
	 * may take a published article back to DRAFT, but may neither publish nor change what
	 * is published.
	 * @throws ApiException 403 if not
	 */
	void requireWrite(Article article, ArticleStatus next, CurrentUser user) {
		if (user.isReadOnly()) {
			throw ApiException.forbidden("You may only read articles");
		}
		if (isPublisher(article, user)) {
			return;
		}
		if (!article.authorId().equals(user.id())) {
			throw ApiException.forbidden("Only the author or a publisher may change this article");
		}
		if (next == ArticleStatus.PUBLISHED) {
			throw ApiException.forbidden("Only a publisher may publish or change a published article");
		}
	}

	/**
	 * @throws ApiException 403 unless the author or a publisher
	 */
	void requireDelete(Article article, CurrentUser user) {
		if (user.isReadOnly() || !(article.authorId().equals(user.id()) || isPublisher(article, user))) {
			throw ApiException.forbidden("Only the author or a publisher may delete this article");
		}
	}

	/**
	 * @throws ApiException 404 if the caller may not read the project
	 */
	void requireProject(java.util.UUID projectId, CurrentUser user) {
		if (!this.membership.canView(projectId, user)) {
			throw ApiException.notFound("Project");
		}
	}

}
