package dev.fortress.platform.events.web;

import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.platform.audit.AuditLog;
import dev.fortress.platform.events.DeadLetters;
import dev.fortress.platform.events.EventAdministration;
import dev.fortress.platform.events.EventLog;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Pages;

@RestController
@RequestMapping("/api/v1/admin")
@PreAuthorize("hasRole('ADMIN')")
@Validated
@Tag(name = "Events and operations", description = "ADMIN only: the outbox, dead letters and the audit log")
class EventAdminController {

	private final EventLog events;

	private final DeadLetters deadLetters;

	private final EventAdministration administration;

	private final AuditLog audit;

	EventAdminController(EventLog events, DeadLetters deadLetters, EventAdministration administration, AuditLog audit) {
		this.events = events;
		this.deadLetters = deadLetters;
		this.administration = administration;
		this.audit = audit;
	}

	@GetMapping("/events")
	@Operation(summary = "Event deliveries (one event for one listener), newest first",
			description = "status: PENDING, COMPLETED, FAILED or DEAD; type: the event's name, e.g. OrderPaid.")
	ResponseEntity<CursorPage<EventLog.Entry>> events(
			@RequestParam(required = false) @Pattern(regexp = "PENDING|COMPLETED|FAILED|DEAD",
					message = "must be PENDING, COMPLETED, FAILED or DEAD") String status,
			@RequestParam(required = false) @Pattern(regexp = "[A-Za-z][A-Za-z0-9]{0,99}",
					message = "must be an event name such as OrderPaid") String type,
			@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = Pages.DEFAULT_LIMIT) @Min(1) @Max(Pages.MAX_LIMIT) int limit) {
		EventLog.Status wanted = (status != null) ? EventLog.Status.valueOf(status) : null;
		return Pages.ok(this.events.list(wanted, type, cursor, limit));
	}

	@GetMapping("/dead-letters")
	@Operation(summary = "Deliveries that failed every attempt and were not replayed, newest first")
	ResponseEntity<CursorPage<DeadLetterView>> deadLetters(@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = Pages.DEFAULT_LIMIT) @Min(1) @Max(Pages.MAX_LIMIT) int limit) {
		return Pages.ok(this.deadLetters.list(cursor, limit).map(DeadLetterView::of));
	}

	@GetMapping("/dead-letters/{id}")
	@Operation(summary = "One dead letter with its event's payload")
	DeadLetterView deadLetter(@PathVariable UUID id) {
		return this.deadLetters.find(id)
			.map(DeadLetterView::of)
			.orElseThrow(() -> ApiException.notFound("dead letter"));
	}

	@PostMapping("/dead-letters/{id}/replay")
	@Operation(summary = "Deliver a dead letter's event to its listener again",
			description = "202. Replaying a letter that was replayed before changes nothing; consumers are idempotent, "
					+ "so an event they processed already has no second effect.")
	ResponseEntity<Map<String, Object>> replay(@PathVariable UUID id) {
		if (!this.administration.replay(id)) {
			throw ApiException.notFound("dead letter");
		}
		return ResponseEntity.accepted().body(Map.of("id", id));
	}

	@PostMapping("/dead-letters/replay")
	@Operation(summary = "Deliver every dead letter again", description = "202 with how many were put back.")
	ResponseEntity<Map<String, Object>> replayAll() {
		return ResponseEntity.accepted().body(Map.of("replayed", this.administration.replayAll()));
	}

	@DeleteMapping("/dead-letters/{id}")
	@Operation(summary = "Purge a dead letter for good")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		if (!this.administration.delete(id)) {
			throw ApiException.notFound("dead letter");
		}
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/audit")
	@Operation(summary = "Who changed what, newest first")
	ResponseEntity<CursorPage<AuditLog.Entry>> audit(@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = Pages.DEFAULT_LIMIT) @Min(1) @Max(Pages.MAX_LIMIT) int limit) {
		return Pages.ok(this.audit.list(cursor, limit));
	}

}
