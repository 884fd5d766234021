package dev.fortress.platform.grpc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import fortress.drop.v1.DropProto;
import fortress.drop.v1.GetDropRequest;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import dev.fortress.support.GrpcClient;
import dev.fortress.support.GrpcIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every gRPC client may rely on whatever the service: the standard health and
 * reflection services, and a request id on every answer.
 */
class GrpcPlatformIntegrationTests extends GrpcIntegrationTest {

	@Test
	void theHealthServiceAnswersServing() {
		HealthCheckResponse health = HealthGrpc.newBlockingStub(this.grpc.channel())
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.check(HealthCheckRequest.newBuilder().build());
		assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void reflectionListsBothServicesAndServesTheirProtoFiles() throws Exception {
		ServerReflectionResponse services = reflect(ServerReflectionRequest.newBuilder().setListServices("").build());
		assertThat(services.getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
			.contains("fortress.drop.v1.DropService", "fortress.catalog.v1.CatalogService", "grpc.health.v1.Health");
		ServerReflectionResponse file = reflect(
				ServerReflectionRequest.newBuilder().setFileContainingSymbol("fortress.drop.v1.DropService").build());
		com.google.protobuf.DescriptorProtos.FileDescriptorProto proto = com.google.protobuf.DescriptorProtos.FileDescriptorProto
			.parseFrom(file.getFileDescriptorResponse().getFileDescriptorProto(0));
		assertThat(proto.getName()).isEqualTo(DropProto.getDescriptor().getName());
		assertThat(proto.getService(0).getMethodList()).extracting(m -> m.getName())
			.containsExactly("GetDrop", "WatchDrop", "PlaceOrder");
	}

	@Test
	void everyAnswerCarriesTheRequestIdTheClientSentOrAFreshOne() throws Exception {
		Metadata sent = new Metadata();
		sent.put(GrpcClient.REQUEST_ID, "from-the-client-1");
		assertThat(requestIdOf(sent)).isEqualTo("from-the-client-1");
		Metadata forged = new Metadata();
		forged.put(GrpcClient.REQUEST_ID, "two\tlines");
		assertThat(requestIdOf(forged)).isNotEqualTo("two\tlines").matches("[0-9a-f-]{36}");
	}

	/** The request id in the headers (or trailers) of a GetDrop that fails not-found. */
	private String requestIdOf(Metadata headers) throws Exception {
		CompletableFuture<String> id = new CompletableFuture<>();
		ClientCall<GetDropRequest, fortress.drop.v1.Drop> call = this.grpc.channel()
			.newCall(DropProtoMethods.GET_DROP, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
		call.start(new ClientCall.Listener<fortress.drop.v1.Drop>() {
			private String fromHeaders;

			@Override
			public void onHeaders(Metadata received) {
				this.fromHeaders = received.get(GrpcClient.REQUEST_ID);
			}

			@Override
			public void onClose(Status status, Metadata trailers) {
				id.complete(this.fromHeaders != null ? this.fromHeaders : trailers.get(GrpcClient.REQUEST_ID));
			}
		}, headers);
		call.sendMessage(GetDropRequest.newBuilder().setId("00000000-0000-0000-0000-000000000000").build());
		call.halfClose();
		call.request(1);
		return id.get(10, TimeUnit.SECONDS);
	}

	private ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
		CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
		StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(this.grpc.channel())
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.serverReflectionInfo(new StreamObserver<>() {
				@Override
				public void onNext(ServerReflectionResponse value) {
					answer.complete(value);
				}

				@Override
				public void onError(Throwable t) {
					answer.completeExceptionally(t);
				}

				@Override
				public void onCompleted() {
				}
			});
		requests.onNext(request);
		ServerReflectionResponse response = answer.get(10, TimeUnit.SECONDS);
		requests.onCompleted();
		return response;
	}

	private static final class DropProtoMethods {

		static final io.grpc.MethodDescriptor<GetDropRequest, fortress.drop.v1.Drop> GET_DROP = ProtoService
			.of(DropProto.getDescriptor(), "DropService")
			.method("GetDrop");

	}

}
