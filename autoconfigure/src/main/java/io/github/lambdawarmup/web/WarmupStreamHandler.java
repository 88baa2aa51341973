package io.github.lambdawarmup.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.spring.SpringDelegatingLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.InvalidWarmupEventException;
import io.github.lambdawarmup.LambdaContexts;
import io.github.lambdawarmup.WarmupEvent;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.internal.WarmupRuntime;

/**
 * A Lambda handler for web applications that answers warm-ups and hands every other event, byte for
 * byte, to aws-serverless-java-container's handler. It catches raw warm-up events, which the container
 * rejects before any servlet filter runs, and HTTP requests marked with the
 * {@code X-Lambda-Warmup} header (when {@code warmup.http-warmups.enabled}), which would otherwise depend on the order in which the
 * container runs filters.
 * <p>
 * Name it as the function's handler in place of the container's:
 * {@code io.github.lambdawarmup.web.WarmupStreamHandler::handleRequest}.
 */
public class WarmupStreamHandler implements RequestStreamHandler {

	private static final Log logger = LogFactory.getLog(WarmupStreamHandler.class);

	// Without a Lambda deadline, a warm-up waits this long for the application to be ready.
	private static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration READY_MARGIN = Duration.ofMillis(500);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RequestStreamHandler delegate;

	// The container priming events go through; Lambda creates one handler per environment.
	private static volatile @Nullable RequestStreamHandler container;

	/**
	 * Starts the application through a {@link SpringDelegatingLambdaContainerHandler}, which finds it
	 * from the {@code MAIN_CLASS} environment variable or the jar's {@code Start-Class}.
	 * @throws ContainerInitializationException if the container cannot start
	 */
	public WarmupStreamHandler() throws ContainerInitializationException {
		this(new SpringDelegatingLambdaContainerHandler());
	}

	/**
	 * Decorates another handler.
	 * @param delegate the handler of every event that is not a warm-up
	 */
	public WarmupStreamHandler(RequestStreamHandler delegate) {
		this.delegate = delegate;
		container = delegate;
	}

	/** The container handler of this environment, once a {@code WarmupStreamHandler} exists. */
	static @Nullable RequestStreamHandler container() {
		return container;
	}

	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		byte[] event = input.readAllBytes();
		Invocation invocation = (context != null) ? LambdaContexts.invocation(context) : Invocation.unknown();
		WarmupInterceptor interceptor = interceptorFor(event, invocation);
		if (interceptor != null && answer(interceptor, event, invocation, output)) {
			return;
		}
		this.delegate.handleRequest(new ByteArrayInputStream(event), output, context);
	}

	// Every event is counted here, so that a warm-up knows whether a user request came first.
	private static boolean answer(WarmupInterceptor interceptor, byte[] event, Invocation invocation,
			OutputStream output) throws IOException {
		// Caught here rather than by the servlet filter: serverless-web runs filters in no set order.
		if (WarmupRuntime.answersHttpWarmups()) {
			HttpWarmupAnswer answer;
			try {
				Optional<byte[]> body = HttpWarmupRequests.warmupBody(event);
				answer = body.isPresent() ? HttpWarmupAnswer.of(interceptor, body.get(), invocation) : null;
			}
			catch (InvalidWarmupEventException ex) {
				answer = HttpWarmupAnswer.invalid(ex);
			}
			if (answer != null) {
				output.write(JSON.writeValueAsBytes(new ProxyResponse(answer.status(),
						Map.of("Content-Type", "application/json"), new String(answer.json(), StandardCharsets.UTF_8),
						false)));
				return true;
			}
		}
		Optional<WarmupInterceptor.Answer> answer = interceptor.intercept(event, invocation);
		if (answer.isPresent()) {
			output.write(answer.get().json());
			return true;
		}
		return false;
	}

	/** The answer to an HTTP event, in the shape API Gateway, ALB and Function URLs expect. */
	record ProxyResponse(int statusCode, Map<String, String> headers, String body, boolean isBase64Encoded) {
	}

	// Before the application is ready, only what may be a warm-up waits for it: a user request goes on to
	// the container, which waits for the application itself.
	private static @Nullable WarmupInterceptor interceptorFor(byte[] event, Invocation invocation) {
		WarmupInterceptor ready = WarmupRuntime.installed();
		if (ready != null) {
			return ready;
		}
		return mayBeWarmup(event) ? awaitInterceptor(invocation) : null;
	}

	// Any warmer's payload, whether or not its dialect is on here, and any request marked as a warm-up:
	// the application's settings, once it is ready, decide.
	private static boolean mayBeWarmup(byte[] event) {
		try {
			return WarmupEvent.detect(event, WarmupEvent.Source.ALL).isPresent()
					|| HttpWarmupRequests.warmupBody(event).isPresent();
		}
		catch (InvalidWarmupEventException ex) {
			return true;
		}
	}

	// A warm-up is answered once the application is ready: answering earlier would leave it cold.
	private static WarmupInterceptor awaitInterceptor(Invocation invocation) {
		Duration timeout = (invocation.remainingTime() != null) ? invocation.remainingTime().minus(READY_MARGIN)
				: DEFAULT_READY_TIMEOUT;
		WarmupInterceptor interceptor = WarmupRuntime.await(timeout.isNegative() ? Duration.ZERO : timeout);
		if (interceptor != null) {
			return interceptor;
		}
		logger.warn("The application published no warm-up interceptor in time (is lambda-warmup active there?); "
				+ "answering with defaults");
		return WarmupInterceptor.withDefaults();
	}

}
