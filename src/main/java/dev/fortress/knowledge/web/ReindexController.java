package dev.fortress.knowledge.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.knowledge.internal.Reindexer;

@RestController
@Tag(name = "Knowledge", description = "Hybrid search, related items, answers")
class ReindexController {

	private final Reindexer reindexer;

	ReindexController(Reindexer reindexer) {
		this.reindexer = reindexer;
	}

	@PostMapping("/api/v1/admin/knowledge/reindex")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Re-embed every indexed source (ADMIN)",
			description = "202 and runs in the background; started = false when one is running already. "
					+ "Progress: knowledge.reindex.done / knowledge.reindex.total gauges.")
	ResponseEntity<Status> reindex() {
		boolean started = this.reindexer.start();
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Status(started, this.reindexer.running()));
	}

	record Status(boolean started, boolean running) {
	}

}
