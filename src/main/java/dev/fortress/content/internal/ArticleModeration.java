package dev.fortress.content.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.fortress.platform.moderation.ContentModerated;

/** Moderation decisions about articles, applied after the decision commits. */
@Component
class ArticleModeration {

	private final ArticleService articles;

	ArticleModeration(ArticleService articles) {
		this.articles = articles;
	}

	@ApplicationModuleListener
	void on(ContentModerated decision) {
		if (ArticleService.TYPE.equals(decision.type())) {
			this.articles.moderate(decision.id(), decision.decision());
		}
	}

}
