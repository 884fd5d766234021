package dev.fortress.realtime.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ConcurrentTaskScheduler;

/**
 * The realtime module's own thread: STOMP heart-beats and the sweep of sessions. Not a
 * {@link TaskScheduler} bean, which would take over {@code @Scheduled} work of the whole
 * application.
 */
class LiveScheduler implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LiveScheduler.class);

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "realtime");
		thread.setDaemon(true);
		return thread;
	});

	private final TaskScheduler scheduler = new ConcurrentTaskScheduler(this.executor);

	private final LiveSessions sessions;

	private final RealtimeProperties properties;

	private volatile boolean running;

	LiveScheduler(LiveSessions sessions, RealtimeProperties properties) {
		this.sessions = sessions;
		this.properties = properties;
	}

	TaskScheduler scheduler() {
		return this.scheduler;
	}

	@Override
	public void start() {
		long every = this.properties.sweepInterval().toMillis();
		this.executor.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
		this.running = true;
	}

	private void sweep() {
		try {
			this.sessions.sweep();
		}
		catch (RuntimeException ex) {
			// the next sweep tries again; a thrown exception would end the schedule
			log.warn("Session sweep failed: {}", ex.toString());
		}
	}

	@Override
	public void stop() {
		this.executor.shutdownNow();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
