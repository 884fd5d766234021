package dev.fortress.knowledge.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.fortress.knowledge.LanguageModelUnavailable;
import dev.fortress.knowledge.answers.Answer;
import dev.fortress.knowledge.answers.AnswerSink;
import dev.fortress.knowledge.answers.Answers;
import dev.fortress.platform.web.ProblemType;

/**
 * One answer's event stream: {@code delta} events with {@code {text}}, then {@code done}
 * with the answer, or {@code error} with a problem when the model failed after part of
 * the answer was sent (it cannot be taken back). A client that went away makes the next
 * send throw, which stops the answer.
 */
final class AnswerStream implements AnswerSink {

	private static final Logger log = LoggerFactory.getLogger(AnswerStream.class);

	/** Longer than any answer may take (the model's total timeout is a minute). */
	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private final SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());

	SseEmitter emitter() {
		return this.emitter;
	}

	/** Writes the whole answer and ends the stream; runs on an answer worker. */
	void write(Answers answers, Answers.Prepared prepared) {
		try {
			answers.answer(prepared, this);
		}
		catch (LanguageModelUnavailable ex) {
			error(ProblemType.SERVICE_UNAVAILABLE, "The answer was cut off: " + ex.getMessage());
		}
		catch (UncheckedIOException ex) {
			log.debug("Answer stream closed by the client: {}", ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.error("Answer failed", ex);
			// the stream must still end with an event the client understands, never a
			// silent close or a stack trace
			error(ProblemType.INTERNAL_ERROR, "The answer failed; try again");
		}
		finally {
			this.emitter.complete();
		}
	}

	private void error(ProblemType type, String detail) {
		try {
			send("error", Map.of("type", type.uri().toString(), "title", type.title(), "status", type.status().value(),
					"detail", detail));
		}
		catch (UncheckedIOException | IllegalStateException gone) {
			// the client went away first, or the stream was already closed
		}
	}

	@Override
	public void delta(String text) {
		send("delta", Map.of("text", text));
	}

	@Override
	public void done(Answer answer) {
		send("done", answer);
	}

	private void send(String event, Object data) {
		try {
			this.emitter.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
