package dev.fortress.realtime.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.util.MimeType;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * The ERROR frame for a frame the server refused or could not read: its {@code message}
 * header is the problem's detail and its body the problem as JSON (RFC 9457 fields, as
 * the REST API answers), never an exception's text. STOMP requires the server to close
 * the connection after an ERROR frame; Spring does so. Refusals are counted by type
 * ({@code fortress.realtime.refused}) instead of logged: they are the clients' mistakes.
 */
class StompErrors extends StompSubProtocolErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(StompErrors.class);

	private static final MimeType PROBLEM = MimeType.valueOf("application/problem+json");

	private final JsonMapper json;

	private final MeterRegistry meters;

	StompErrors(JsonMapper json, MeterRegistry meters) {
		this.json = json;
		this.meters = meters;
	}

	@Override
	public @Nullable Message<byte[]> handleClientMessageProcessingError(@Nullable Message<byte[]> clientMessage,
			Throwable ex) {
		ApiException refusal = refusal(ex);
		this.meters.counter("fortress.realtime.refused", "type", refusal.type().slug()).increment();
		log.debug("Refused a STOMP frame: {}", refusal.getMessage());
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.ERROR);
		accessor.setMessage(refusal.getMessage());
		accessor.setContentType(PROBLEM);
		if (clientMessage != null) {
			StompHeaderAccessor client = MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class);
			if (client != null && client.getReceipt() != null) {
				accessor.setReceiptId(client.getReceipt());
			}
		}
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(problem(refusal), accessor.getMessageHeaders());
	}

	/**
	 * The refusal behind the failure, or what to tell about a frame that did not parse.
	 */
	private static ApiException refusal(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ApiException refusal) {
				return refusal;
			}
			String text = String.valueOf(cause.getMessage());
			if (text.contains("size limit")) {
				return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "The frame is larger than the server accepts");
			}
		}
		return new ApiException(ProblemType.MALFORMED_REQUEST, "The frame could not be read");
	}

	private byte[] problem(ApiException refusal) {
		ProblemType type = refusal.type();
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type.uri().toString());
		problem.put("title", type.title());
		problem.put("status", type.status().value());
		problem.put("detail", refusal.getMessage());
		if (refusal.retryAfter() != null) {
			problem.put("retryAfterSeconds", Math.max(1, (refusal.retryAfter().toMillis() + 999) / 1000));
		}
		return this.json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
	}

}
