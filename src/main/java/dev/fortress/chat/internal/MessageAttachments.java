package dev.fortress.chat.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fortress.files.FileReadPolicy;
import dev.fortress.files.FilesApi;
import dev.fortress.files.StoredFile;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.IdentityApi;
import dev.fortress.platform.web.ApiException;

/**
 * Files attached to messages: a poster may attach only files they uploaded themselves
 * (asked of the files module), and a file attached to a message that is neither deleted
 * nor held by moderation may be downloaded by whoever may read the message's channel (a
 * held message's author still reads their own upload, as its owner).
 */
@Component
class MessageAttachments implements FileReadPolicy {

	static final int MAX = 10;

	/** Absent until the files module is deployed: then no file can be attached. */
	private final ObjectProvider<FilesApi> files;

	private final ChannelAccess access;

	private final IdentityApi identity;

	private final JdbcClient jdbc;

	MessageAttachments(ObjectProvider<FilesApi> files, ChannelAccess access, IdentityApi identity, JdbcClient jdbc) {
		this.files = files;
		this.access = access;
		this.identity = identity;
		this.jdbc = jdbc;
	}

	/**
	 * @throws ApiException 400 unless every file exists and was uploaded by the poster
	 */
	void check(List<UUID> attachmentIds, UUID posterId) {
		if (attachmentIds.isEmpty()) {
			return;
		}
		FilesApi api = this.files.getIfAvailable();
		Map<UUID, StoredFile> found = (api != null) ? api.findFiles(attachmentIds) : Map.of();
		boolean allOwn = attachmentIds.stream()
			.allMatch((id) -> found.containsKey(id) && found.get(id).ownerId().equals(posterId));
		if (!allOwn) {
			throw ApiException.invalid("attachmentIds", "must be files you uploaded");
		}
	}

	@Override
	public boolean mayRead(UUID fileId, UUID userId) {
		List<UUID> channels = this.jdbc.sql("""
				select distinct channel_id from chat_messages
				where attachment_ids @> array[cast(:fileId as uuid)] and not deleted and not held
				""").param("fileId", fileId).query(UUID.class).list();
		if (channels.isEmpty()) {
			return false;
		}
		return this.identity.findUser(userId)
			.filter((user) -> !user.disabled())
			.map((user) -> new CurrentUser(user.id(), user.role()))
			.map((user) -> channels.stream().anyMatch((channelId) -> this.access.canRead(channelId, user)))
			.orElse(false);
	}

}
