package dev.fortress.realtime.web;

import java.io.IOException;
import java.time.Clock;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.InventoryApi;
import dev.fortress.platform.web.ApiException;
import dev.fortress.realtime.internal.DropAvailability;
import dev.fortress.realtime.internal.DropCounters;

/**
 * The public drop counter as Server-Sent Events. Everything that can be refused (the
 * stream caps, an unknown drop) is refused as a problem before the stream begins; after
 * that the response belongs to {@link DropStreams}.
 */
@RestController
@Tag(name = "Drops", description = "Timed sales of a limited quantity of one SKU")
class DropStreamController {

	private final InventoryApi inventory;

	private final DropStreams streams;

	private final DropCounters counters;

	private final Clock clock;

	DropStreamController(InventoryApi inventory, DropStreams streams, DropCounters counters, Clock clock) {
		this.inventory = inventory;
		this.streams = streams;
		this.counters = counters;
		this.clock = clock;
	}

	@GetMapping("/api/v1/drops/{id}/stream")
	@Operation(summary = "Watch a drop's availability (Server-Sent Events)",
			description = "Public. Event `availability`, data `{available, status}`: the current state at once, "
					+ "then each change, at most a few per second (coalesced); the last event is the final "
					+ "state, and the stream ends after `ENDED`. Comment lines every 15 s keep proxies from "
					+ "closing a quiet stream. 404 for an unknown drop, 429 when the client has too many "
					+ "streams open, 503 when the server does.")
	void stream(@PathVariable UUID id, HttpServletRequest request, HttpServletResponse response) throws IOException {
		String client = request.getRemoteAddr();
		this.streams.admit(client);
		try {
			DropState drop = this.inventory.findDrop(id).orElseThrow(() -> ApiException.notFound("Drop"));
			response.setContentType("text/event-stream");
			response.setCharacterEncoding("UTF-8");
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			// nginx would buffer the stream otherwise
			response.setHeader("X-Accel-Buffering", "no");
			AsyncContext async = request.startAsync(request, response);
			this.counters.track(drop);
			this.streams.open(id, client, async, DropAvailability.of(drop, this.clock.instant()));
		}
		catch (RuntimeException | IOException ex) {
			this.streams.leave(client);
			throw ex;
		}
	}

}
