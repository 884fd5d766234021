package dev.fortress.chat.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.chat.internal.ChannelService;
import dev.fortress.chat.internal.ChannelService.Direct;
import dev.fortress.chat.internal.ChannelSummary;
import dev.fortress.chat.internal.ReadMarkers;
import dev.fortress.identity.CurrentUser;

@RestController
@Tag(name = "Chat channels", description = "Channels, direct conversations and read markers")
class ChannelController {

	/** Text PostgreSQL can store: no NUL. */
	static final String NO_NUL = "[^\\x00]*";

	private final ChannelService channels;

	private final ReadMarkers markers;

	ChannelController(ChannelService channels, ReadMarkers markers) {
		this.channels = channels;
		this.markers = markers;
	}

	@PostMapping("/api/v1/channels")
	@PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
	@Operation(summary = "Create a channel",
			description = "The creator is its OWNER. With projectId, the project's readers read it (404 for a project "
					+ "the caller may not read). Private: members only.")
	ResponseEntity<ChannelView> create(@Valid @RequestBody CreateChannelRequest request, CurrentUser user) {
		ChannelSummary created = this.channels.create(request.name(), request.topic(), request.projectId(),
				Boolean.TRUE.equals(request.isPrivate()), user);
		return ResponseEntity.created(URI.create("/api/v1/channels/" + created.channel().id()))
			.body(ChannelView.of(created));
	}

	@GetMapping("/api/v1/channels")
	@Operation(summary = "The channels the caller may read, with their unread counts")
	Map<String, List<ChannelView>> list(CurrentUser user) {
		return Map.of("items", this.channels.list(user).stream().map(ChannelView::of).toList());
	}

	@GetMapping("/api/v1/channels/{id}")
	@Operation(summary = "One channel", description = "404 unless the caller may read it.")
	ChannelView get(@PathVariable UUID id, CurrentUser user) {
		return ChannelView.of(this.channels.get(id, user));
	}

	@PatchMapping("/api/v1/channels/{id}")
	@Operation(summary = "Rename, re-topic or change the visibility of a channel (OWNER)",
			description = "409 for a direct conversation.")
	ChannelView update(@PathVariable UUID id, @Valid @RequestBody UpdateChannelRequest request, CurrentUser user) {
		return ChannelView.of(this.channels.update(id, request.name(), request.topic(), request.isPrivate(), user));
	}

	@DeleteMapping("/api/v1/channels/{id}")
	@Operation(summary = "Delete a channel with its messages (OWNER)", description = "409 for a direct conversation.")
	ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser user) {
		this.channels.delete(id, user);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/dms")
	@PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
	@Operation(summary = "The direct conversation with a user",
			description = "201 when this call started it, 200 when it existed. 400 with oneself, 404 for an unknown user.")
	ResponseEntity<ChannelView> direct(@Valid @RequestBody DirectRequest request, CurrentUser user) {
		Direct direct = this.channels.direct(request.userId(), user);
		return ResponseEntity.status(direct.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(ChannelView.of(direct.channel()));
	}

	@PostMapping("/api/v1/channels/{id}/read")
	@Operation(summary = "Move the caller's read marker to a message",
			description = "Only forward: an older message leaves it. Answers the channel with its unread count.")
	ChannelView read(@PathVariable UUID id, @Valid @RequestBody ReadRequest request, CurrentUser user) {
		return ChannelView.of(this.markers.markRead(id, request.messageId(), user));
	}

	record CreateChannelRequest(@NotBlank @Size(max = 80) @Pattern(regexp = NO_NUL) String name,
			@Size(max = 250) @Pattern(regexp = NO_NUL) @Nullable String topic, @Nullable UUID projectId,
			@JsonProperty("private") @Nullable Boolean isPrivate) {
	}

	record UpdateChannelRequest(
			@Size(min = 1, max = 80) @Pattern(regexp = "(?s)[^\\x00]*\\S[^\\x00]*",
					message = "must not be blank") @Nullable String name,
			@Size(max = 250) @Pattern(regexp = NO_NUL) @Nullable String topic,
			@JsonProperty("private") @Nullable Boolean isPrivate) {
	}

	record DirectRequest(@NotNull UUID userId) {
	}

	record ReadRequest(@NotNull UUID messageId) {
	}

}
