package dev.fortress.knowledge.llm;

import java.util.Iterator;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;

import dev.fortress.knowledge.LanguageModel;
import dev.fortress.knowledge.LanguageModelUnavailable;
import dev.fortress.knowledge.LanguageModelUnavailable.Reason;

/**
 * The configured chat model behind its guards, in this order: configured at all, the
 * account's daily quota, then attempts (Resilience4j {@link Retry}: transient failures
 * only, exponential backoff with jitter), each through the circuit breaker (an open
 * breaker fails the call at once, with no network), each bounded by the HTTP client's
 * connect, idle and total timeouts. The tokens the provider counted (estimated when it
 * sent none) are charged to the account after a call that returned.
 * <p>
 * The model gets messages only: no tools, no functions, nothing of the caller's rights.
 */
public class GuardedLanguageModel implements LanguageModel {

	private static final Logger log = LoggerFactory.getLogger(GuardedLanguageModel.class);

	private final @Nullable ChatModel model;

	private final String modelName;

	private final ChatMessages messages;

	private final CircuitBreaker breaker;

	private final Retry retry;

	private final TokenQuota quota;

	private final LlmMeter meter;

	GuardedLanguageModel(@Nullable ChatModel model, String modelName, CircuitBreaker breaker, Retry retry,
			TokenQuota quota, LlmMeter meter) {
		this.model = model;
		this.modelName = modelName;
		this.messages = new ChatMessages(modelName);
		this.breaker = breaker;
		this.retry = retry;
		this.quota = quota;
		this.meter = meter;
	}

	@Override
	public boolean configured() {
		return this.model != null;
	}

	/** The configured model's name, part of what identifies an answer. */
	public String modelName() {
		return this.model == null ? "" : this.modelName;
	}

	@Override
	public Reply complete(@Nullable UUID user, String purpose, Prompt prompt) {
		ChatModel chat = admit(user, purpose);
		Reply reply = guarded(purpose, () -> {
			ChatResponse response = chat.call(this.messages.request(prompt, false));
			return ChatMessages.reply(prompt, ChatMessages.text(response), response.getMetadata().getUsage());
		});
		return charged(user, purpose, reply);
	}

	@Override
	public Reply stream(@Nullable UUID user, String purpose, Prompt prompt, Consumer<String> delta) {
		ChatModel chat = admit(user, purpose);
		Reply reply = guarded(purpose, () -> streamOnce(chat, prompt, delta));
		return charged(user, purpose, reply);
	}

	private ChatModel admit(@Nullable UUID user, String purpose) {
		ChatModel chat = this.model;
		if (chat == null) {
			this.meter.call(purpose, "off");
			throw new LanguageModelUnavailable(Reason.OFF, "No language model is configured");
		}
		this.quota.check(user, purpose);
		return chat;
	}

	/** One attempt of a stream: the pieces go to {@code delta} as they come. */
	private Reply streamOnce(ChatModel chat, Prompt prompt, Consumer<String> delta) {
		StringBuilder text = new StringBuilder();
		@Nullable Usage usage = null;
		try (Stream<ChatResponse> chunks = chat.stream(this.messages.request(prompt, true)).toStream()) {
			Iterator<ChatResponse> iterator = chunks.iterator();
			while (iterator.hasNext()) {
				ChatResponse chunk = iterator.next();
				String piece = ChatMessages.text(chunk);
				if (!piece.isEmpty()) {
					text.append(piece);
					deliver(delta, piece);
				}
				Usage counted = chunk.getMetadata().getUsage();
				if (counted != null && counted.getTotalTokens() != null && counted.getTotalTokens() > 0) {
					usage = counted;
				}
			}
		}
		catch (Failures.DeliveryFailed ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw text.isEmpty() ? ex : new Failures.StreamBroken(ex);
		}
		return ChatMessages.reply(prompt, text.toString(), usage);
	}

	private static void deliver(Consumer<String> delta, String piece) {
		try {
			delta.accept(piece);
		}
		catch (RuntimeException ex) {
			throw new Failures.DeliveryFailed(ex);
		}
	}

	private Reply guarded(String purpose, Supplier<Reply> call) {
		Supplier<Reply> attempt = CircuitBreaker.decorateSupplier(this.breaker, call);
		try {
			Reply reply = Retry.decorateSupplier(this.retry, attempt).get();
			this.meter.call(purpose, "ok");
			return reply;
		}
		catch (CallNotPermittedException ex) {
			this.meter.call(purpose, "open");
			throw new LanguageModelUnavailable(Reason.OPEN, "The language model's circuit breaker is open");
		}
		catch (Failures.DeliveryFailed ex) {
			this.meter.call(purpose, "abandoned");
			LanguageModelUnavailable failure = new LanguageModelUnavailable(Reason.FAILED, "The caller went away");
			failure.initCause(ex.getCause());
			throw failure;
		}
		catch (RuntimeException ex) {
			this.meter.call(purpose, "failed");
			log.warn("Language model call ({}) failed: {}", purpose, ex.toString());
			LanguageModelUnavailable failure = new LanguageModelUnavailable(Reason.FAILED,
					"The language model call failed");
			failure.initCause(ex);
			throw failure;
		}
	}

	private Reply charged(@Nullable UUID user, String purpose, Reply reply) {
		this.quota.charge(user, purpose, reply.tokensIn(), reply.tokensOut());
		return reply;
	}

}
