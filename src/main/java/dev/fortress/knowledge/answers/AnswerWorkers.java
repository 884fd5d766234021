package dev.fortress.knowledge.answers;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.fortress.platform.web.ApiException;

/**
 * The threads answers are written on. An answer streams for seconds, so it gets a pool of
 * its own ({@code fortress.answers.threads}, with a short queue): a crowd of questions
 * waits there or is refused with {@code 503}, and never holds the request threads
 * everything else needs. Deliberately not an {@code Executor} bean, which would displace
 * the application's default task executor.
 */
public class AnswerWorkers implements DisposableBean {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final ThreadPoolExecutor pool;

	AnswerWorkers(int threads, int queue) {
		BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>()
				: queue > 10_000 ? new LinkedBlockingQueue<>() : new ArrayBlockingQueue<>(queue);
		this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, waiting,
				new CustomizableThreadFactory("answer-"));
		this.pool.allowCoreThreadTimeOut(true);
	}

	/**
	 * Runs the answer, or refuses it with {@code 503} when the pool and queue are full.
	 */
	public void submit(Runnable answer) {
		try {
			this.pool.execute(answer);
		}
		catch (RejectedExecutionException ex) {
			throw ApiException.unavailable("Too many answers are being written; try again shortly", RETRY_AFTER);
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.pool.shutdown();
		this.pool.awaitTermination(30, TimeUnit.SECONDS);
	}

}
