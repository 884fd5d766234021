package dev.fortress.realtime.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import dev.fortress.chat.ChatApi;
import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;

/** Who of a channel's members is present, for those who may read the channel. */
@Service
public class ChannelPresence {

	private final ObjectProvider<ChatApi> chat;

	private final PresenceBoard board;

	ChannelPresence(ObjectProvider<ChatApi> chat, PresenceBoard board) {
		this.chat = chat;
		this.board = board;
	}

	/**
	 * The channel's members who are online or away, in a stable order.
	 * @throws ApiException {@code not-found} when the caller may not read the channel
	 */
	public Online of(UUID channelId, CurrentUser user) {
		ChatApi chat = this.chat.getIfAvailable();
		if (chat == null || !chat.canRead(channelId, user)) {
			throw ApiException.notFound("Channel");
		}
		Set<UUID> members = chat.memberIds(channelId);
		Map<UUID, PresenceStatus> present = this.board.present(members);
		return new Online(present.entrySet()
			.stream()
			.map(entry -> new Present(entry.getKey(), entry.getValue()))
			.sorted(Comparator.comparing(Present::userId))
			.toList());
	}

	/** {@code GET /api/v1/channels/{id}/presence}. */
	public record Online(List<Present> online) {
	}

	/** A present member: {@code online} or {@code away}. */
	public record Present(UUID userId, PresenceStatus status) {
	}

}
