package dev.fortress.content;

import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/**
 * An article was created, edited, reverted or changed status. Carries no text: a listener
 * reads the article as it is when it runs ({@link ContentApi#article}), so events handled
 * out of order cannot bring back an older text.
 *
 * @param version the article's version after the change
 */
public record ArticleChanged(UUID articleId, long version, EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.articleId.toString();
	}

}
