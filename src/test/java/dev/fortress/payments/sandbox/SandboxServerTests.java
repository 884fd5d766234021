package dev.fortress.payments.sandbox;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sandbox listens on a port of its own, on the loopback interface only: another
 * machine cannot reach it, and it is not the API's port.
 */
class SandboxServerTests extends IntegrationTest {

	@Autowired
	SandboxServer server;

	@Test
	void theSandboxListensOnLoopbackOnlyOnAPortOfItsOwn() throws IOException {
		InetSocketAddress address = this.server.address();

		assertThat(address.getAddress().isLoopbackAddress()).isTrue();
		assertThat(address.getPort()).isPositive().isNotEqualTo(this.port);
		assertThat(this.server.baseUri().getHost()).isEqualTo(address.getAddress().getHostAddress());
		try (Socket socket = new Socket()) {
			socket.connect(address, 2_000);
			assertThat(socket.isConnected()).isTrue();
		}
		for (InetAddress other : nonLoopbackAddresses()) {
			assertThatExceptionOfType(ConnectException.class).as("connecting via %s", other).isThrownBy(() -> {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress(other, address.getPort()), 2_000);
				}
			});
		}
	}

	private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
		return Collections.list(NetworkInterface.getNetworkInterfaces())
			.stream()
			.flatMap(NetworkInterface::inetAddresses)
			.filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
			.toList();
	}

}
