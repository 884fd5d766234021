package dev.fortress.realtime.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;

import dev.fortress.chat.ChatApi;
import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * What clients send over STOMP: chat messages and typing indicators. The gate has already
 * checked the sender's token, rate and right to read the channel; posting applies chat's
 * own rules. A message that breaks them is answered on the sender's
 * {@code /user/queue/errors} as a problem, and the connection stays open (ADR 0072): only
 * frames the gate refuses end a connection.
 */
@Controller
class ChatMessaging {

	private static final Logger log = LoggerFactory.getLogger(ChatMessaging.class);

	private static final int MAX_CLIENT_MESSAGE_ID = 100;

	private final ObjectProvider<ChatApi> chat;

	private final LiveFeed feed;

	ChatMessaging(ObjectProvider<ChatApi> chat, LiveFeed feed) {
		this.chat = chat;
		this.feed = feed;
	}

	@MessageMapping("/channels/{channelId}/messages")
	void post(@DestinationVariable UUID channelId, @Payload PostMessage body, SimpMessageHeaderAccessor headers) {
		if (body.text() == null) {
			throw ApiException.invalid("text", "must not be null");
		}
		if (body.clientMessageId() != null && body.clientMessageId().length() > MAX_CLIENT_MESSAGE_ID) {
			throw ApiException.invalid("clientMessageId", "must be at most " + MAX_CLIENT_MESSAGE_ID + " characters");
		}
		ChatApi chat = this.chat.getIfAvailable();
		if (chat == null) {
			throw ApiException.notFound("Channel");
		}
		chat.post(user(headers), channelId, body.text(), body.parentId(), body.clientMessageId());
	}

	@MessageMapping("/channels/{channelId}/typing")
	void typing(@DestinationVariable UUID channelId, @Payload(required = false) @Nullable TypingState body,
			SimpMessageHeaderAccessor headers) {
		boolean typing = body == null || body.typing() == null || body.typing();
		this.feed.publish("/topic/channels/" + channelId + "/typing", new Typing(user(headers).id(), typing));
	}

	@MessageExceptionHandler
	@SendToUser(destinations = "/queue/errors", broadcast = false)
	Map<String, Object> refused(Exception ex, SimpMessageHeaderAccessor headers) {
		ApiException problem;
		if (ex instanceof ApiException refusal) {
			problem = refusal;
		}
		else if (ex instanceof MessageConversionException) {
			problem = new ApiException(ProblemType.MALFORMED_REQUEST,
					"The message body is not valid JSON of the expected shape");
		}
		else {
			log.error("A STOMP message to {} failed", headers.getDestination(), ex);
			problem = new ApiException(ProblemType.INTERNAL_ERROR, "The message could not be processed");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.type().uri().toString());
		body.put("title", problem.type().title());
		body.put("status", problem.type().status().value());
		body.put("detail", problem.getMessage());
		if (!problem.errors().isEmpty()) {
			body.put("errors", problem.errors());
		}
		body.put("destination", headers.getDestination());
		return body;
	}

	private static CurrentUser user(SimpMessageHeaderAccessor headers) {
		Map<String, Object> attributes = headers.getSessionAttributes();
		Object user = attributes == null ? null : attributes.get(StompGate.USER);
		if (user instanceof CurrentUser current) {
			return current;
		}
		throw new ApiException(ProblemType.UNAUTHORIZED, "Not connected");
	}

	/** {@code SEND /app/channels/{id}/messages}. */
	record PostMessage(@Nullable String text, @Nullable UUID parentId, @Nullable String clientMessageId) {
	}

	/** {@code SEND /app/channels/{id}/typing}: absent or {@code true} while typing. */
	record TypingState(@Nullable Boolean typing) {
	}

	/** What {@code /topic/channels/{id}/typing} receives. */
	record Typing(UUID userId, boolean typing) {
	}

}
