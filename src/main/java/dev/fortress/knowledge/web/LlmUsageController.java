package dev.fortress.knowledge.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.knowledge.llm.DailyUsages;
import dev.fortress.knowledge.llm.LlmMeter;

@RestController
@Tag(name = "Knowledge", description = "Hybrid search, related items, answers")
class LlmUsageController {

	private final DailyUsages usages;

	private final LlmMeter meter;

	private final Clock clock;

	LlmUsageController(DailyUsages usages, LlmMeter meter, Clock clock) {
		this.usages = usages;
		this.meter = meter;
		this.clock = clock;
	}

	@GetMapping("/api/v1/admin/llm/usage")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Language model usage per user on a UTC day (ADMIN)",
			description = "day = YYYY-MM-DD, default today (UTC). One item per user and purpose, largest first "
					+ "(at most 1,000); userId null is the platform's own work (moderation). estimatedCost at "
					+ "the configured prices per 1k tokens.")
	Report usage(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate day) {
		LocalDate asked = day != null ? day : LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		List<Item> items = this.usages.onDay(asked).stream().map(this::item).toList();
		long in = items.stream().mapToLong(Item::tokensIn).sum();
		long out = items.stream().mapToLong(Item::tokensOut).sum();
		long calls = items.stream().mapToLong(Item::calls).sum();
		return new Report(asked, items, new Totals(calls, in, out, this.meter.cost(in, out)));
	}

	private Item item(DailyUsages.Usage usage) {
		UUID user = DailyUsages.PLATFORM.equals(usage.userId()) ? null : usage.userId();
		return new Item(user, usage.purpose(), usage.calls(), usage.tokensIn(), usage.tokensOut(),
				this.meter.cost(usage.tokensIn(), usage.tokensOut()));
	}

	record Report(LocalDate day, List<Item> items, Totals totals) {
	}

	record Item(@Nullable UUID userId, String purpose, long calls, long tokensIn, long tokensOut,
			BigDecimal estimatedCost) {
	}

	record Totals(long calls, long tokensIn, long tokensOut, BigDecimal estimatedCost) {
	}

}
