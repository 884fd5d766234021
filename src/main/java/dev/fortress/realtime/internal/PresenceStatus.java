package dev.fortress.realtime.internal;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a user is around: connected and active, connected but idle, or gone. */
public enum PresenceStatus {

	ONLINE, AWAY, OFFLINE;

	@JsonValue
	String json() {
		return name().toLowerCase(Locale.ROOT);
	}

}
