package dev.fortress.chat.web;

import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.chat.internal.ViewRebuild;

@RestController
@Tag(name = "Chat messages")
class ChatAdminController {

	private final ViewRebuild rebuild;

	ChatAdminController(ViewRebuild rebuild) {
		this.rebuild = rebuild;
	}

	@PostMapping("/api/v1/admin/chat/channels/{id}/rebuild")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Rebuild a channel's message views from its log (ADMIN)")
	Map<String, Object> rebuild(@PathVariable UUID id) {
		return Map.of("channelId", id, "replayed", this.rebuild.rebuild(id));
	}

}
