package dev.fortress.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium driven through chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs), with a fresh profile each, so
 * two browsers are two people. Without them a test skips with a clear message, unless
 * services are required ({@link Services}). Screenshots go to {@code target/screenshots};
 * {@link #assertAccessible()} runs axe-core in the page and fails on serious or critical
 * violations.
 */
public final class Browser implements AutoCloseable {

	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));

	private static final Path DRIVER = Path
		.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static String axe;

	private final ChromeDriver driver;

	private final String base;

	private final Path profile;

	private Browser(int port, int width) throws IOException {
		this.profile = Files.createTempDirectory("fortress-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=" + width + ",900", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		this.base = "http://localhost:" + port;
	}

	/**
	 * Opens a desktop-sized browser, or skips the test when Chromium is not installed.
	 */
	public static Browser open(int port) {
		return open(port, 1280);
	}

	public static Browser open(int port, int width) {
		Services.assumeAvailable("Chromium and chromedriver (apt-get install chromium chromium-driver)",
				Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER));
		try {
			return new Browser(port, width);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	public Browser go(String path) {
		this.driver.get(this.base + path);
		return this;
	}

	public WebElement find(String css) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(15))
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	public List<WebElement> all(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	/** Waits until the element's text contains the given text. */
	public WebElement waitForText(String css, String text) {
		new WebDriverWait(this.driver, Duration.ofSeconds(15))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
		return this.driver.findElement(By.cssSelector(css));
	}

	public void type(String css, String text) {
		WebElement input = find(css);
		input.clear();
		input.sendKeys(text);
	}

	public Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	/** Signs in through the page and waits for the app to say who is signed in. */
	public Browser signIn(String email, String password) {
		go("/signin");
		type("input[name=email]", email);
		type("input[name=password]", password);
		find("form button[type=submit]").click();
		find("#signout");
		return this;
	}

	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Runs axe-core on the page as it is now; serious and critical violations fail. */
	@SuppressWarnings("unchecked")
	public void assertAccessible() {
		script(axeSource());
		List<Map<String, Object>> violations = (List<Map<String, Object>>) ((JavascriptExecutor) this.driver)
			.executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					axe.run(document, {resultTypes: ['violations']})
					  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
					    .map(v => ({id: v.id, impact: v.impact, help: v.help,
					      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
					  .catch(e => done([{id: 'axe-failed', help: String(e)}]));
					""");
		assertThat(violations).as("axe-core serious/critical violations on " + this.driver.getCurrentUrl()).isEmpty();
	}

	/**
	 * What the page's Content-Security-Policy refused since the last call, from the
	 * browser's console: none may occur, or the page relies on something the policy
	 * blocks.
	 */
	public List<String> cspViolations() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter(message -> message.contains("Content Security Policy"))
			.toList();
	}

	private static synchronized String axeSource() {
		if (axe == null) {
			try (InputStream in = Browser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/"
					+ System.getProperty("axe.version", "4.6.3") + "/axe.min.js")) {
				assertThat(in).as("axe-core from the org.webjars.npm:axe-core test dependency").isNotNull();
				axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return axe;
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try (var files = Files.walk(this.profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			catch (IOException ex) {
				// a temporary profile left behind is harmless
			}
		}
	}

}
