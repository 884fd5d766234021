package dev.fortress.chat.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.chat.ChatMessage;
import dev.fortress.chat.internal.HistoryEntry;
import dev.fortress.chat.internal.MessagePage;
import dev.fortress.chat.internal.MessageQueries;
import dev.fortress.chat.internal.MessageService;
import dev.fortress.chat.internal.MessageService.Posted;
import dev.fortress.chat.internal.NewMessage;
import dev.fortress.identity.CurrentUser;

/**
 * Messages. The bodies' limits are checked by the service (one source for HTTP and
 * STOMP), after the caller's right to the channel.
 */
@RestController
@Validated
@Tag(name = "Chat messages", description = "Messages, threads, edits, deletes, reactions and history")
class MessageController {

	private final MessageService messages;

	private final MessageQueries queries;

	MessageController(MessageService messages, MessageQueries queries) {
		this.messages = messages;
		this.queries = queries;
	}

	@PostMapping("/api/v1/channels/{channelId}/messages")
	@Operation(summary = "Post a message (or a reply, with parentId)",
			description = "Optional Idempotency-Key (per author, 24 h): a resend with the same key and body answers 201 "
					+ "with the first message and posts nothing; another body → 422 idempotency-key-reused. "
					+ "403 for a READER; 400 for blank or too long text, a parentId that is not a top-level message "
					+ "of the channel, attachmentIds that are not the caller's uploads.")
	ResponseEntity<ChatMessage> post(@PathVariable UUID channelId, @RequestBody MessageRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key, CurrentUser user) {
		Posted posted = this.messages.post(user, channelId,
				new NewMessage(request.text(), request.parentId(), request.attachmentIds()), key);
		return ResponseEntity.created(URI.create("/api/v1/messages/" + posted.message().id())).body(posted.message());
	}

	@GetMapping("/api/v1/channels/{channelId}/messages")
	@Operation(summary = "A page of messages, newest first",
			description = "Top-level messages, or a thread's replies with parentId. before=<messageId>: older ones; "
					+ "after=<messageId>: the next newer ones; neither: the newest. hasMore says whether more lie in "
					+ "that direction.")
	MessagePage list(@PathVariable UUID channelId, @RequestParam(required = false) @Nullable UUID before,
			@RequestParam(required = false) @Nullable UUID after,
			@RequestParam(required = false) @Nullable UUID parentId,
			@RequestParam(defaultValue = "50") @Min(1) @Max(MessageQueries.MAX_LIMIT) int limit, CurrentUser user) {
		return this.queries.page(channelId, parentId, before, after, limit, user);
	}

	@GetMapping("/api/v1/messages/{id}")
	@Operation(summary = "One message (a reader of its channel)",
			description = "Where POST's Location points. A held message is its author's and ADMINs' only: 404 for others.")
	ChatMessage get(@PathVariable UUID id, CurrentUser user) {
		return this.messages.get(id, user);
	}

	@PatchMapping("/api/v1/messages/{id}")
	@Operation(summary = "Edit a message (its author)", description = "409 once deleted.")
	ChatMessage edit(@PathVariable UUID id, @RequestBody EditRequest request, CurrentUser user) {
		return this.messages.edit(id, request.text(), user);
	}

	@DeleteMapping("/api/v1/messages/{id}")
	@Operation(summary = "Delete a message (its author, a channel OWNER or an ADMIN)",
			description = "Its text and attachments are no longer shown; the thread keeps its place.")
	ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser user) {
		this.messages.delete(id, user);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/messages/{id}/history")
	@Operation(summary = "A message's events, oldest first")
	Map<String, List<HistoryEntry>> history(@PathVariable UUID id, CurrentUser user) {
		return Map.of("items", this.messages.history(id, user));
	}

	@PutMapping("/api/v1/messages/{id}/reactions/{emoji}")
	@Operation(summary = "React to a message", description = "Reacting twice changes nothing. 403 for a READER.")
	ChatMessage react(@PathVariable UUID id, @PathVariable String emoji, CurrentUser user) {
		return this.messages.react(id, emoji, true, user);
	}

	@DeleteMapping("/api/v1/messages/{id}/reactions/{emoji}")
	@Operation(summary = "Take a reaction back")
	ChatMessage unreact(@PathVariable UUID id, @PathVariable String emoji, CurrentUser user) {
		return this.messages.react(id, emoji, false, user);
	}

	record MessageRequest(@Nullable String text, @Nullable UUID parentId, @Nullable List<UUID> attachmentIds) {
	}

	record EditRequest(@Nullable String text) {
	}

}
