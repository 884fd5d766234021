package dev.fortress.chat.internal;

import java.time.Clock;
import java.time.Duration;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.fortress.tasks.ProjectDeleted;

/**
 * What chat cleans up on its own: idempotency keys older than a day (a resend after a
 * dropped connection comes seconds later), and the channels of a deleted project, whose
 * readers are gone with it. Both are idempotent: a second run finds nothing.
 */
@Component
class ChatHousekeeping {

	static final Duration KEY_LIFETIME = Duration.ofHours(24);

	private final MessageKeys keys;

	private final Channels channels;

	private final Clock clock;

	ChatHousekeeping(MessageKeys keys, Channels channels, Clock clock) {
		this.keys = keys;
		this.channels = channels;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${fortress.chat.idempotency-cleanup-interval:1h}", initialDelay = 60_000)
	void expireKeys() {
		this.keys.expire(this.clock.instant().minus(KEY_LIFETIME));
	}

	@ApplicationModuleListener
	void on(ProjectDeleted event) {
		this.channels.ofProject(event.projectId()).forEach(this.channels::delete);
	}

}
