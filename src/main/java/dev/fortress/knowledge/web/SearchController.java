package dev.fortress.knowledge.web;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.knowledge.internal.HybridSearch;
import dev.fortress.knowledge.internal.SearchResult;
import dev.fortress.platform.web.ApiException;

@RestController
@Tag(name = "Knowledge", description = "Hybrid search, related items, answers")
class SearchController {

	private final HybridSearch search;

	SearchController(HybridSearch search) {
		this.search = search;
	}

	@GetMapping("/api/v1/search")
	@Operation(summary = "Search everything the caller may read, by words and by meaning",
			description = "types = comma-separated subset of task, comment, message, product, article (default "
					+ "all). Full-text (BM25) and vector (HNSW) results merged by reciprocal rank fusion; "
					+ "only what the caller may read is searched.")
	Results search(
			@RequestParam @NotBlank @Size(max = 500) @Pattern(regexp = "[^\\x00]*",
					message = "must not contain NUL characters") String q,
			@RequestParam(required = false) @Size(max = 100) @Nullable String types,
			@RequestParam(defaultValue = "10") @Min(1) @Max(50) int limit, CurrentUser user) {
		return new Results(this.search.search(user, q, types(types), limit));
	}

	static Set<String> types(@Nullable String types) {
		if (types == null || types.isBlank()) {
			return Set.of();
		}
		Set<String> parsed = new LinkedHashSet<>();
		for (String type : Arrays.stream(types.split(",")).map(String::strip).toList()) {
			if (!HybridSearch.TYPES.contains(type)) {
				throw ApiException.invalid("types",
						"must be a comma-separated subset of " + "task, comment, message, product, article");
			}
			parsed.add(type);
		}
		return parsed;
	}

	record Results(List<SearchResult> items) {
	}

}
