package dev.fortress.platform.grpc;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * A gRPC service as its {@code .proto} file declares it: its method descriptors (names,
 * kinds, marshallers of the generated message classes) and the schema that the reflection
 * service shows, built from the descriptor protoc compiled into the generated code. It
 * stands in for the {@code *Grpc} classes that the grpc-java protoc plugin would generate
 * (a native binary the build cannot fetch, docs/adr/0061): the {@code .proto} stays the
 * one source of names and types, servers bind their handlers here and clients call
 * through {@link #method(String)} with {@code ClientCalls}.
 */
public final class ProtoService {

	private final ServiceDescriptor descriptor;

	private final Map<String, MethodDescriptor<Message, Message>> methods;

	private ProtoService(Descriptors.ServiceDescriptor proto) {
		Map<String, MethodDescriptor<Message, Message>> methods = new LinkedHashMap<>();
		ServiceDescriptor.Builder service = ServiceDescriptor.newBuilder(proto.getFullName())
			.setSchemaDescriptor(new Schema(proto, null));
		for (Descriptors.MethodDescriptor method : proto.getMethods()) {
			MethodDescriptor<Message, Message> grpc = MethodDescriptor.<Message, Message>newBuilder()
				.setType(type(method))
				.setFullMethodName(MethodDescriptor.generateFullMethodName(proto.getFullName(), method.getName()))
				.setRequestMarshaller(ProtoUtils.marshaller(defaultInstance(method.getInputType())))
				.setResponseMarshaller(ProtoUtils.marshaller(defaultInstance(method.getOutputType())))
				.setSchemaDescriptor(new Schema(proto, method.getName()))
				.build();
			methods.put(method.getName(), grpc);
			service.addMethod(grpc);
		}
		this.descriptor = service.build();
		this.methods = Map.copyOf(methods);
	}

	/** The service of that name in a compiled {@code .proto} file. */
	public static ProtoService of(Descriptors.FileDescriptor file, String serviceName) {
		Descriptors.ServiceDescriptor proto = file.findServiceByName(serviceName);
		if (proto == null) {
			throw new IllegalArgumentException(file.getName() + " declares no service " + serviceName);
		}
		return new ProtoService(proto);
	}

	public ServiceDescriptor descriptor() {
		return this.descriptor;
	}

	/** The method as clients call it; the types are the generated message classes. */
	@SuppressWarnings("unchecked")
	public <Q extends Message, R extends Message> MethodDescriptor<Q, R> method(String name) {
		MethodDescriptor<Message, Message> method = this.methods.get(name);
		if (method == null) {
			throw new IllegalArgumentException(this.descriptor.getName() + " has no method " + name);
		}
		return (MethodDescriptor<Q, R>) (MethodDescriptor<?, ?>) method;
	}

	/** Starts binding handlers; {@link Binder#build()} refuses a method left unbound. */
	public Binder bind() {
		return new Binder();
	}

	/** Handlers for the service's methods, each bound once. */
	public final class Binder {

		private final ServerServiceDefinition.Builder definition = ServerServiceDefinition
			.builder(ProtoService.this.descriptor);

		private final Map<String, Boolean> bound = new LinkedHashMap<>();

		private Binder() {
		}

		public <Q extends Message, R extends Message> Binder unary(String name, ServerCalls.UnaryMethod<Q, R> handler) {
			MethodDescriptor<Q, R> method = method(name);
			require(method, MethodDescriptor.MethodType.UNARY);
			this.definition.addMethod(method, ServerCalls.asyncUnaryCall(handler));
			return this;
		}

		public <Q extends Message, R extends Message> Binder serverStreaming(String name,
				ServerCalls.ServerStreamingMethod<Q, R> handler) {
			MethodDescriptor<Q, R> method = method(name);
			require(method, MethodDescriptor.MethodType.SERVER_STREAMING);
			this.definition.addMethod(method, ServerCalls.asyncServerStreamingCall(handler));
			return this;
		}

		public ServerServiceDefinition build() {
			for (String name : ProtoService.this.methods.keySet()) {
				if (!this.bound.containsKey(name)) {
					throw new IllegalStateException(
							ProtoService.this.descriptor.getName() + "/" + name + " is not bound");
				}
			}
			return this.definition.build();
		}

		private void require(MethodDescriptor<?, ?> method, MethodDescriptor.MethodType type) {
			if (method.getType() != type) {
				throw new IllegalArgumentException(method.getFullMethodName() + " is " + method.getType());
			}
			if (this.bound.put(method.getBareMethodName(), true) != null) {
				throw new IllegalStateException(method.getFullMethodName() + " is bound twice");
			}
		}

	}

	private static MethodDescriptor.MethodType type(Descriptors.MethodDescriptor method) {
		if (method.isClientStreaming()) {
			return method.isServerStreaming() ? MethodDescriptor.MethodType.BIDI_STREAMING
					: MethodDescriptor.MethodType.CLIENT_STREAMING;
		}
		return method.isServerStreaming() ? MethodDescriptor.MethodType.SERVER_STREAMING
				: MethodDescriptor.MethodType.UNARY;
	}

	/**
	 * The generated class's default instance: with {@code java_multiple_files} a
	 * top-level message {@code M} of a file whose {@code java_package} is {@code p} is
	 * the class {@code p.M}.
	 */
	private static Message defaultInstance(Descriptors.Descriptor message) {
		if (message.getContainingType() != null || !message.getFile().getOptions().getJavaMultipleFiles()) {
			throw new IllegalArgumentException(
					message.getFullName() + ": only top-level messages of java_multiple_files protos are supported");
		}
		String className = message.getFile().getOptions().getJavaPackage() + "." + message.getName();
		try {
			Class<?> type = Class.forName(className, true, ProtoService.class.getClassLoader());
			return (Message) type.getMethod("getDefaultInstance").invoke(null);
		}
		catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("No generated class " + className + " for " + message.getFullName(), ex);
		}
	}

	/** What the reflection service reads: the file, the service and the method. */
	private record Schema(Descriptors.ServiceDescriptor service,
			String methodName) implements ProtoServiceDescriptorSupplier, ProtoMethodDescriptorSupplier {

		@Override
		public Descriptors.FileDescriptor getFileDescriptor() {
			return this.service.getFile();
		}

		@Override
		public Descriptors.ServiceDescriptor getServiceDescriptor() {
			return this.service;
		}

		@Override
		public Descriptors.MethodDescriptor getMethodDescriptor() {
			return this.service.findMethodByName(this.methodName);
		}

	}

}
