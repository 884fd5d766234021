package dev.fortress.knowledge.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.fortress.catalog.CatalogApi;
import dev.fortress.chat.ChatMessage;
import dev.fortress.content.ArticleStatus;
import dev.fortress.content.ContentApi;
import dev.fortress.tasks.TaskTexts;

/**
 * Reads a source as its module holds it now and describes it for the index, scope
 * included: a task or comment is its project's, a message its channel's, a product
 * public, an article public or its project's once PUBLISHED and its author's alone
 * before.
 */
@Component
class Sources {

	static final String TASK = "task";

	static final String COMMENT = "comment";

	static final String MESSAGE = "message";

	static final String PRODUCT = "product";

	static final String ARTICLE = "article";

	static final String PUBLIC = "public";

	private final TaskTexts tasks;

	private final CatalogApi catalog;

	private final ContentApi content;

	Sources(TaskTexts tasks, CatalogApi catalog, ContentApi content) {
		this.tasks = tasks;
		this.catalog = catalog;
		this.content = content;
	}

	Optional<SourceDoc> task(UUID id) {
		return this.tasks.task(id)
			.map(task -> new SourceDoc(TASK, id, null, project(task.projectId()), task.type(), task.title(),
					task.description() == null ? "" : task.description(), task.version()));
	}

	java.util.List<SourceDoc> comments(UUID taskId) {
		return this.tasks.comments(taskId)
			.stream()
			.map(comment -> new SourceDoc(COMMENT, comment.id(), taskId, project(comment.projectId()), null,
					title(comment.body()), comment.body(), 1))
			.toList();
	}

	Optional<SourceDoc> product(UUID id) {
		return this.catalog.productText(id)
			.map(product -> new SourceDoc(PRODUCT, id, null, PUBLIC, null, product.name(),
					product.brand() + "\n\n" + Objects.toString(product.description(), ""), product.version()));
	}

	Optional<SourceDoc> article(UUID id) {
		return this.content.article(id).map(article -> {
			String scope = article.status() != ArticleStatus.PUBLISHED ? "user:" + article.authorId()
					: article.projectId() == null ? PUBLIC : project(article.projectId());
			String text = article.tags().isEmpty() ? article.body()
					: article.body() + "\n\nTags: " + String.join(", ", article.tags());
			return new SourceDoc(ARTICLE, id, null, scope, article.status().name(), article.title(), text,
					article.version());
		});
	}

	static SourceDoc message(ChatMessage message) {
		return new SourceDoc(MESSAGE, message.id(), null, "channel:" + message.channelId(), null, title(message.text()),
				message.text(), message.version());
	}

	static String project(UUID projectId) {
		return "project:" + projectId;
	}

	/** A title for text that has none: its first line, shortened. */
	static String title(String text) {
		String line = text.strip().lines().findFirst().orElse("");
		return line.length() <= 80 ? line : line.substring(0, 79) + "…";
	}

}
