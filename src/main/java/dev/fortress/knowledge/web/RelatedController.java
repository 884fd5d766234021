package dev.fortress.knowledge.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.knowledge.internal.RelatedItems;
import dev.fortress.knowledge.internal.RelatedItems.Related;

@RestController
@Tag(name = "Knowledge", description = "Hybrid search, related items, answers")
class RelatedController {

	private final RelatedItems related;

	RelatedController(RelatedItems related) {
		this.related = related;
	}

	@GetMapping("/api/v1/tasks/{id}/related")
	@Operation(summary = "What is close in meaning to a task, among what the caller may read",
			description = "items: tasks, comments, messages, products, articles, most similar first (score = "
					+ "cosine). duplicates: for a BUG, the other BUGs similar enough to be the same one. "
					+ "404 for a task the caller may not see.")
	Related ofTask(@PathVariable UUID id, @RequestParam(defaultValue = "5") @Min(1) @Max(50) int limit,
			CurrentUser user) {
		return this.related.ofTask(id, user, limit);
	}

	@GetMapping("/api/v1/products/{id}/related")
	@Operation(summary = "Products close in meaning to a product", description = "404 for an unknown product.")
	Related ofProduct(@PathVariable UUID id, @RequestParam(defaultValue = "5") @Min(1) @Max(50) int limit,
			CurrentUser user) {
		return this.related.ofProduct(id, user, limit);
	}

}
