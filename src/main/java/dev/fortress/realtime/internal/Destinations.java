package dev.fortress.realtime.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.fortress.chat.ChatApi;
import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;
import dev.fortress.tasks.ProjectMembership;

/**
 * Which destinations a user may subscribe and send to. Everything not listed here is
 * refused, so a client can never publish to a topic directly (the broker would pass a
 * SEND to {@code /topic/...} on to every subscriber) nor watch another user's queue. A
 * destination the caller may not see is refused exactly like one that does not exist.
 */
@Component
class Destinations {

	private static final String PROJECTS = "/topic/projects/";

	private static final String DROPS = "/topic/drops/";

	private static final String CHANNELS = "/topic/channels/";

	private static final String APP_CHANNELS = "/app/channels/";

	private final ProjectMembership projects;

	private final ObjectProvider<ChatApi> chat;

	Destinations(ProjectMembership projects, ObjectProvider<ChatApi> chat) {
		this.projects = projects;
		this.chat = chat;
	}

	/**
	 * @throws ApiException {@code not-found} unless the user may subscribe
	 */
	void checkSubscribe(@Nullable String destination, CurrentUser user) {
		if (destination == null) {
			throw unknown();
		}
		if ("/user/queue/notifications".equals(destination) || "/user/queue/errors".equals(destination)) {
			return;
		}
		if (destination.startsWith(PROJECTS)) {
			UUID projectId = id(destination.substring(PROJECTS.length()));
			if (!this.projects.canView(projectId, user)) {
				throw unknown();
			}
			return;
		}
		if (destination.startsWith(DROPS)) {
			id(destination.substring(DROPS.length()));
			return;
		}
		if (destination.startsWith(CHANNELS)) {
			String rest = destination.substring(CHANNELS.length());
			checkChannel(rest.endsWith("/typing") ? rest.substring(0, rest.length() - "/typing".length()) : rest, user);
			return;
		}
		throw unknown();
	}

	/**
	 * @throws ApiException {@code not-found} unless the user may send there
	 */
	void checkSend(@Nullable String destination, CurrentUser user) {
		if (destination == null || !destination.startsWith(APP_CHANNELS)) {
			throw unknown();
		}
		String rest = destination.substring(APP_CHANNELS.length());
		int slash = rest.indexOf('/');
		String action = slash < 0 ? "" : rest.substring(slash + 1);
		if (!"messages".equals(action) && !"typing".equals(action)) {
			throw unknown();
		}
		checkChannel(rest.substring(0, slash), user);
	}

	private void checkChannel(String id, CurrentUser user) {
		UUID channelId = id(id);
		ChatApi chat = this.chat.getIfAvailable();
		if (chat == null || !chat.canRead(channelId, user)) {
			throw unknown();
		}
	}

	private static UUID id(String text) {
		// UUID.fromString accepts short forms such as "1-1-1-1-1"; only the canonical
		// form
		// names a resource
		if (text.length() != 36) {
			throw unknown();
		}
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			throw unknown();
		}
	}

	private static ApiException unknown() {
		return ApiException.notFound("Destination");
	}

}
