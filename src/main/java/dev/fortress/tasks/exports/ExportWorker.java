package dev.fortress.tasks.exports;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The bounded pool that runs exports, never on a request thread. The table is the queue:
 * each worker claims the oldest QUEUED job until none is left. Workers are woken when a
 * job is queued and by a poll, which also deletes expired files and queues again, once,
 * the jobs whose lease ran out: their instance stopped or died (see
 * {@link ExportJobs#recoverInterrupted}). With several instances, exactly one runs a job.
 */
@Component
class ExportWorker {

	private static final Logger log = LoggerFactory.getLogger(ExportWorker.class);

	private final ExportJobs jobs;

	private final ExportRunner runner;

	private final Clock clock;

	private final int size;

	private final ThreadPoolExecutor pool;

	private final ScheduledExecutorService poller;

	private final AtomicInteger busy = new AtomicInteger();

	private final AtomicBoolean signalled = new AtomicBoolean();

	private final long pollMillis;

	ExportWorker(ExportJobs jobs, ExportRunner runner, ExportProperties properties, Clock clock) {
		this.jobs = jobs;
		this.runner = runner;
		this.clock = clock;
		this.size = properties.workers();
		AtomicInteger threads = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(this.size, this.size, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(this.size), task -> daemon(task, "task-export-" + threads.incrementAndGet()));
		this.poller = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "task-export-poll"));
		this.pollMillis = properties.pollInterval().toMillis();
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		recover();
		this.poller.scheduleWithFixedDelay(this::tick, 0, this.pollMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Re-queues jobs whose lease ran out (their instance stopped or died; retried once)
	 * and wakes workers. Runs at start-up and at every poll, so a job of a crashed
	 * instance is taken over by another one.
	 */
	void recover() {
		int requeued = this.jobs.recoverInterrupted(this.clock.instant());
		if (requeued > 0) {
			log.info("Re-queued {} export(s) whose server stopped while running them", requeued);
		}
		wake();
	}

	/** Starts idle workers, up to the pool size; each drains the queue. */
	void wake() {
		this.signalled.set(true);
		int current;
		while ((current = this.busy.get()) < this.size) {
			if (!this.busy.compareAndSet(current, current + 1)) {
				continue;
			}
			try {
				this.pool.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				this.busy.decrementAndGet();
				return;
			}
		}
	}

	private void drain() {
		try {
			Optional<ExportJob> job;
			do {
				this.signalled.set(false);
				job = this.jobs.claimNext(this.clock.instant());
				job.ifPresent(this.runner::run);
			}
			while (job.isPresent() && !Thread.currentThread().isInterrupted());
		}
		catch (RuntimeException ex) {
			log.error("Export worker stopped; the poll restarts it", ex);
		}
		finally {
			this.busy.decrementAndGet();
		}
		// a job queued while this worker was giving up must not wait for the next poll
		if (this.signalled.get() && !this.pool.isShutdown()) {
			wake();
		}
	}

	private void tick() {
		try {
			deleteExpiredFiles();
			recover();
		}
		catch (RuntimeException ex) {
			log.warn("Export poll failed; trying again next time", ex);
		}
	}

	void deleteExpiredFiles() {
		for (ExportJob job : this.jobs.expiredFiles(this.clock.instant())) {
			try {
				if (job.fileName() != null) {
					Files.deleteIfExists(this.runner.directoryOf(job.projectId()).resolve(job.fileName()));
				}
				this.jobs.fileDeleted(job.id(), this.clock.instant());
			}
			catch (IOException ex) {
				log.warn("Cannot delete expired export file of {}", job.id(), ex);
			}
		}
	}

	@PreDestroy
	void stop() throws InterruptedException {
		this.poller.shutdownNow();
		this.pool.shutdownNow();
		// a job cut off here stays RUNNING until its lease runs out, then is retried once
		this.pool.awaitTermination(5, TimeUnit.SECONDS);
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}
