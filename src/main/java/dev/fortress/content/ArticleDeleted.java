package dev.fortress.content;

import java.util.UUID;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventMetadata;

/** An article was deleted with its versions. */
public record ArticleDeleted(UUID articleId, EventMetadata metadata) implements DomainEvent {

	@Override
	public String aggregateId() {
		return this.articleId.toString();
	}

}
