package dev.fortress.tasks.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.fortress.platform.moderation.ContentModerated;

/** Moderation decisions about comments, applied after the decision commits. */
@Component
class CommentModeration {

	private final CommentService comments;

	CommentModeration(CommentService comments) {
		this.comments = comments;
	}

	@ApplicationModuleListener
	void on(ContentModerated decision) {
		if (CommentService.TYPE.equals(decision.type())) {
			this.comments.moderate(decision.id(), decision.decision());
		}
	}

}
