package dev.fortress.files;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads and downloads over real HTTP multipart, stored in the data directory. */
class AttachmentIntegrationTests extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
			'R' };

	@Test
	void anUploadRecordsItsSniffedTypeAndSha256AndOnlyItsUploaderMayDownloadIt() throws Exception {
		LoggedIn alice = loggedIn("EDITOR");
		byte[] bytes = Arrays.copyOf(PNG, 20_000);
		HttpResponse<byte[]> uploaded = upload(alice, "../../holiday.png", "application/octet-stream", bytes);
		assertThat(uploaded.statusCode()).as(new String(uploaded.body(), StandardCharsets.UTF_8)).isEqualTo(201);
		JsonNode file = JSON.readTree(uploaded.body());
		assertThat(file.path("name").asString()).isEqualTo("holiday.png");
		assertThat(file.path("size").asLong()).isEqualTo(bytes.length);
		assertThat(file.path("contentType").asString()).isEqualTo("image/png");
		assertThat(file.path("sha256").asString())
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
		String id = file.path("id").asString();
		assertThat(uploaded.headers().firstValue("Location")).hasValue("/api/v1/attachments/" + id);

		HttpResponse<byte[]> download = download(alice, id);
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(bytes);
		assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
			.contains("holiday.png");
		assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

		LoggedIn bob = loggedIn("EDITOR");
		HttpResponse<byte[]> someoneElse = download(bob, id);
		assertThat(someoneElse.statusCode()).isEqualTo(404);
		assertThat(someoneElse.headers().firstValue("Content-Type").orElseThrow())
			.startsWith("application/problem+json");
		assertThat(download(bob, UUID.randomUUID().toString()).statusCode()).isEqualTo(404);
		assertThat(CLIENT
			.send(HttpRequest.newBuilder(uri("/api/v1/attachments/" + id)).build(),
					HttpResponse.BodyHandlers.ofByteArray())
			.statusCode()).isEqualTo(401);
	}

	@Test
	void textIsTypedByItsBytesAndItsNameNotByWhatTheClientDeclares() throws Exception {
		LoggedIn alice = loggedIn("EDITOR");
		byte[] markdown = "# Notes\n\nUnicode: Grüße, 日本\n".getBytes(StandardCharsets.UTF_8);
		HttpResponse<byte[]> uploaded = upload(alice, "notes.md", "image/png", markdown);
		assertThat(uploaded.statusCode()).isEqualTo(201);
		assertThat(JSON.readTree(uploaded.body()).path("contentType").asString())
			.isEqualTo("text/markdown; charset=utf-8");
	}

	@Test
	void anExecutableCalledPngIsRefusedWith415() throws Exception {
		LoggedIn alice = loggedIn("EDITOR");
		byte[] elf = Arrays.copyOf(new byte[] { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0 }, 4096);
		HttpResponse<byte[]> refused = upload(alice, "cat.png", "image/png", elf);
		assertThat(refused.statusCode()).isEqualTo(415);
		assertThat(JSON.readTree(refused.body()).path("type").asString()).endsWith("/unsupported-media-type");
		byte[] html = "<html><script>alert(1)</script>\u0000".getBytes(StandardCharsets.UTF_8);
		assertThat(upload(alice, "page.txt", "text/plain", html).statusCode()).isEqualTo(415);
	}

	@Test
	void aFileOverTheLimitIs413AndAMissingOrEmptyFileIs400() throws Exception {
		LoggedIn alice = loggedIn("EDITOR");
		// the tests' limit is 64 KB
		HttpResponse<byte[]> tooLarge = upload(alice, "big.png", "image/png", Arrays.copyOf(PNG, 64 * 1024 + 1));
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(JSON.readTree(tooLarge.body()).path("type").asString()).endsWith("/payload-too-large");
		HttpResponse<byte[]> wayTooLarge = upload(alice, "huge.png", "image/png", Arrays.copyOf(PNG, 1024 * 1024));
		assertThat(wayTooLarge.statusCode()).isEqualTo(413);
		assertThat(upload(alice, "empty.txt", "text/plain", new byte[0]).statusCode()).isEqualTo(400);
		HttpResponse<byte[]> noFile = send(alice, "other", "x.txt", "text/plain", "hello".getBytes());
		assertThat(noFile.statusCode()).isEqualTo(400);
		HttpResponse<byte[]> broken = CLIENT.send(HttpRequest.newBuilder(uri("/api/v1/attachments"))
			.header("Authorization", "Bearer " + alice.accessToken())
			.header("Content-Type", "multipart/form-data; boundary=nope")
			.POST(HttpRequest.BodyPublishers.ofString("not multipart at all"))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(broken.statusCode()).isEqualTo(400);
	}

	private HttpResponse<byte[]> upload(LoggedIn user, String name, String declaredType, byte[] bytes)
			throws Exception {
		return send(user, "file", name, declaredType, bytes);
	}

	private HttpResponse<byte[]> send(LoggedIn user, String part, String name, String declaredType, byte[] bytes)
			throws Exception {
		String boundary = "----fortress" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
				+ name + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(bytes);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return CLIENT.send(HttpRequest.newBuilder(uri("/api/v1/attachments"))
			.header("Authorization", "Bearer " + user.accessToken())
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> download(LoggedIn user, String id) throws Exception {
		return CLIENT.send(HttpRequest.newBuilder(uri("/api/v1/attachments/" + id))
			.header("Authorization", "Bearer " + user.accessToken())
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
