package dev.fortress.knowledge.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.fortress.identity.CurrentUser;
import dev.fortress.knowledge.answers.AnswerWorkers;
import dev.fortress.knowledge.answers.Answers;
import dev.fortress.knowledge.answers.Question;
import dev.fortress.knowledge.internal.HybridSearch;
import dev.fortress.platform.web.ApiException;

/**
 * Grounded answers as Server-Sent Events. Everything that can be refused (the body, the
 * project, a full pool) is refused as a problem before the stream begins; after that the
 * response belongs to {@link AnswerStream}.
 */
@RestController
@Tag(name = "Knowledge", description = "Hybrid search, related items, answers")
class AskController {

	private final Answers answers;

	private final AnswerWorkers workers;

	AskController(Answers answers, AnswerWorkers workers) {
		this.answers = answers;
		this.workers = workers;
	}

	@PostMapping("/api/v1/ask")
	@Operation(summary = "Answer a question from what the caller may read (Server-Sent Events)",
			description = "Body `{question, scope?: {projectId?, types?}}`; question 1-1000 characters, types a "
					+ "subset of task, comment, message, product, article. Events: `delta` `{text}` (pieces of the "
					+ "answer), then one `done` `{answer, citations: [{n, type, id, title}], generated}`; `answer` "
					+ "is the deltas concatenated, `[n]` in it is citation n. Without a usable language model "
					+ "(none configured, unavailable, the caller's daily budget spent) the answer is extractive: "
					+ "the most relevant passages, `generated: false`. A stream that breaks after text was sent "
					+ "ends with an `error` event (a problem). 400 for a bad body, 404 for a project the caller "
					+ "may not read, 503 when too many answers are being written.")
	ResponseEntity<SseEmitter> ask(@Valid @RequestBody AskRequest request, CurrentUser user) {
		Answers.Prepared prepared = this.answers.prepare(user, request.toQuestion());
		AnswerStream stream = new AnswerStream();
		this.workers.submit(() -> stream.write(this.answers, prepared));
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			// nginx would buffer the stream otherwise
			.header("X-Accel-Buffering", "no")
			.body(stream.emitter());
	}

	record AskRequest(@NotNull @NotBlank @Size(max = 1000) @Pattern(regexp = "[^\\x00]*",
			message = "must not contain NUL characters") String question, @Valid @Nullable Scope scope) {

		Question toQuestion() {
			if (this.scope == null) {
				return new Question(this.question, null, Set.of());
			}
			return new Question(this.question, this.scope.projectId(), this.scope.knownTypes());
		}

	}

	record Scope(@Nullable UUID projectId, @Nullable @Size(max = 5) List<String> types) {

		Set<String> knownTypes() {
			if (this.types == null) {
				return Set.of();
			}
			Set<String> known = new LinkedHashSet<>();
			for (String type : this.types) {
				if (type == null || !HybridSearch.TYPES.contains(type)) {
					throw ApiException.invalid("scope.types",
							"must be a subset of task, comment, message, product, article");
				}
				known.add(type);
			}
			return known;
		}

	}

}
