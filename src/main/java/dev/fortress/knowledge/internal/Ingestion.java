package dev.fortress.knowledge.internal;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.fortress.catalog.ProductChanged;
import dev.fortress.chat.ChannelEvent;
import dev.fortress.content.ArticleChanged;
import dev.fortress.content.ArticleDeleted;
import dev.fortress.platform.events.EventConsumer;
import dev.fortress.tasks.CommentAdded;
import dev.fortress.tasks.CommentWithdrawn;
import dev.fortress.tasks.ProjectDeleted;
import dev.fortress.tasks.TaskChanged;
import dev.fortress.tasks.TaskCreated;
import dev.fortress.tasks.TaskDeleted;
import dev.fortress.tasks.TaskMoved;

/**
 * What each event does to the index. Every listener re-reads its source as it is now
 * (chat messages excepted: the event carries the message, and its version guards against
 * an older event handled late), so redeliveries and events handled out of order converge
 * on the current text; every listener is therefore idempotent. Each runs after the
 * change's commit, in the event publication registry's delivery (retried, dead-lettered),
 * so the writer's transaction only pays for storing the event.
 */
@Component
class Ingestion {

	private final Sources sources;

	private final Indexer indexer;

	Ingestion(Sources sources, Indexer indexer) {
		this.sources = sources;
		this.indexer = indexer;
	}

	@EventConsumer
	void on(TaskCreated event) {
		task(event.taskId());
	}

	@EventConsumer
	void on(TaskChanged event) {
		task(event.taskId());
	}

	@EventConsumer
	void on(TaskMoved event) {
		task(event.taskId());
		event.subtaskIds().forEach(this::task);
	}

	@EventConsumer
	void on(CommentAdded event) {
		task(event.taskId());
	}

	@EventConsumer
	void on(CommentWithdrawn event) {
		this.indexer.remove(Sources.COMMENT, event.commentId());
	}

	@EventConsumer
	void on(TaskDeleted event) {
		this.indexer.remove(Sources.TASK, event.taskId());
		event.subtaskIds().forEach(id -> this.indexer.remove(Sources.TASK, id));
	}

	@EventConsumer
	void on(ProjectDeleted event) {
		this.indexer.removeScope(Sources.project(event.projectId()));
	}

	@EventConsumer
	void on(ChannelEvent event) {
		switch (event.type()) {
			case "posted", "edited", "approved" -> {
				if (event.message().deleted() || event.message().held()) {
					this.indexer.remove(Sources.MESSAGE, event.message().id());
				}
				else {
					this.indexer.index(Sources.message(event.message()));
				}
			}
			case "deleted", "hidden" -> this.indexer.remove(Sources.MESSAGE, event.message().id());
			default -> {
				// reactions change no text
			}
		}
	}

	@EventConsumer
	void on(ProductChanged event) {
		this.sources.product(event.productId()).ifPresent(this.indexer::index);
	}

	@EventConsumer
	void on(ArticleChanged event) {
		article(event.articleId());
	}

	@EventConsumer
	void on(ArticleDeleted event) {
		this.indexer.remove(Sources.ARTICLE, event.articleId());
	}

	/** A task with its comments, or its removal if it is gone. */
	private void task(UUID taskId) {
		this.sources.task(taskId).ifPresentOrElse(task -> {
			this.indexer.index(task);
			this.sources.comments(taskId).forEach(this.indexer::index);
		}, () -> this.indexer.remove(Sources.TASK, taskId));
	}

	private void article(UUID articleId) {
		this.sources.article(articleId)
			.ifPresentOrElse(this.indexer::index, () -> this.indexer.remove(Sources.ARTICLE, articleId));
	}

}
