package dev.fortress.platform.grpc;

import java.time.Instant;
import java.util.UUID;

import com.google.protobuf.Timestamp;

import dev.fortress.platform.web.ApiException;

/** Request fields read and response fields written the same way by every gRPC service. */
public final class ProtoFields {

	private ProtoFields() {
	}

	/**
	 * An id field: a UUID, as a REST path variable must be.
	 * @throws ApiException {@code validation-error} naming the field otherwise
	 */
	public static UUID uuid(String field, String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid(field, "must be a UUID");
		}
	}

	public static Timestamp timestamp(Instant instant) {
		return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
	}

}
