package dev.fortress.realtime.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.realtime.internal.ChannelPresence;

@RestController
@Tag(name = "Real-time", description = "Presence from live WebSocket connections")
class PresenceController {

	private final ChannelPresence presence;

	PresenceController(ChannelPresence presence) {
		this.presence = presence;
	}

	@GetMapping("/api/v1/channels/{id}/presence")
	@Operation(summary = "The channel's members who are online or away",
			description = "From live WebSocket connections on every instance; a member whose last connection "
					+ "closed stays listed for a grace period. 404 for a channel the caller may not read.")
	ChannelPresence.Online presence(CurrentUser user, @PathVariable UUID id) {
		return this.presence.of(id, user);
	}

}
