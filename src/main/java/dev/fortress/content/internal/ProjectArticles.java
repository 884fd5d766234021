package dev.fortress.content.internal;

import org.springframework.stereotype.Component;

import dev.fortress.platform.events.EventConsumer;
import dev.fortress.tasks.ProjectDeleted;

/**
 * A deleted project takes its articles with it: they could no longer be read by anyone
 * but their authors, and nobody could publish them. Idempotent: a redelivery finds none.
 */
@Component
class ProjectArticles {

	private final ArticleService articles;

	ProjectArticles(ArticleService articles) {
		this.articles = articles;
	}

	@EventConsumer
	void on(ProjectDeleted event) {
		this.articles.deleteProjectArticles(event.projectId());
	}

}
