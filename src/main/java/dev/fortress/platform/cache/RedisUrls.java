package dev.fortress.platform.cache;

/** A Redis URL fit for a log line: its password replaced. */
final class RedisUrls {

	private RedisUrls() {
	}

	static String withoutPassword(String url) {
		return url.replaceAll("//[^@/]*@", "//***@");
	}

}
