package dev.fortress.chat.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.chat.internal.MessageSearch;
import dev.fortress.chat.internal.SearchPage;
import dev.fortress.identity.CurrentUser;

@RestController
@Validated
@Tag(name = "Chat messages")
class MessageSearchController {

	private final MessageSearch search;

	MessageSearchController(MessageSearch search) {
		this.search = search;
	}

	@GetMapping("/api/v1/search/messages")
	@Operation(summary = "Full-text search over the messages the caller may read",
			description = "Web-search syntax (quotes, or, -word), English stemming; best first, with a snippet whose "
					+ "matches are in <mark> (the rest HTML-escaped). nextCursor pages on.")
	SearchPage search(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable UUID channelId,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MessageSearch.MAX_LIMIT) int limit,
			@RequestParam(required = false) @Nullable String cursor, CurrentUser user) {
		return this.search.search(q, channelId, limit, cursor, user);
	}

}
