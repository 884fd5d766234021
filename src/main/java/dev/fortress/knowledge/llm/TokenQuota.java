package dev.fortress.knowledge.llm;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.fortress.knowledge.LanguageModelUnavailable;
import dev.fortress.knowledge.LanguageModelUnavailable.Reason;

/**
 * The daily token budget per account (UTC day), checked before a call and charged after
 * it with what the provider counted. Checking and charging are apart on purpose: the
 * price of a call is known only when it ends, and holding a lock across a model call
 * would serialise a user's calls for seconds. So concurrent calls of one user may each
 * pass the check and overshoot the budget by at most their own size, once; the next call
 * is refused.
 */
@Component
class TokenQuota {

	private final DailyUsages usages;

	private final LlmProperties properties;

	private final LlmMeter meter;

	private final Clock clock;

	TokenQuota(DailyUsages usages, LlmProperties properties, LlmMeter meter, Clock clock) {
		this.usages = usages;
		this.properties = properties;
		this.meter = meter;
		this.clock = clock;
	}

	/** Refuses the call when the account's budget for today is spent. */
	void check(@Nullable UUID user, String purpose) {
		UUID account = account(user);
		long budget = user == null ? this.properties.platformDailyTokens() : this.properties.userDailyTokens();
		if (this.usages.spent(account, today()) >= budget) {
			this.meter.call(purpose, "quota");
			throw new LanguageModelUnavailable(Reason.QUOTA, "The daily language model budget is spent");
		}
	}

	void charge(@Nullable UUID user, String purpose, long tokensIn, long tokensOut) {
		this.usages.charge(account(user), today(), purpose, tokensIn, tokensOut);
		this.meter.tokens(purpose, tokensIn, tokensOut);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
	}

	private static UUID account(@Nullable UUID user) {
		return user == null ? DailyUsages.PLATFORM : user;
	}

}
