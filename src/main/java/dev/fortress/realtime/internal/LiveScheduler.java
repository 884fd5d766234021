package dev.fortress.realtime.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ConcurrentTaskScheduler;

/**
 * The realtime module's own thread: STOMP heart-beats and the sweep of sessions. Not a
 * {@link TaskScheduler} bean, which would take over {@code @Scheduled} work of the whole
 * application. Stopping (a context can be stopped and started again) pauses the sweep;
 * only destroying the bean ends the thread.
 */
class LiveScheduler implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LiveScheduler.class);

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "realtime");
		thread.setDaemon(true);
		return thread;
	});

	private final TaskScheduler scheduler = new ConcurrentTaskScheduler(this.executor);

	private final LiveSessions sessions;

	private final RealtimeProperties properties;

	private volatile @Nullable ScheduledFuture<?> sweeping;

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
		this.sweeping = this.executor.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
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
		ScheduledFuture<?> current = this.sweeping;
		if (current != null) {
			current.cancel(false);
		}
		this.sweeping = null;
	}

	@Override
	public boolean isRunning() {
		return this.sweeping != null;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
