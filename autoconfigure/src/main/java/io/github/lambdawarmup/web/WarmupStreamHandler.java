package io.github.lambdawarmup.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.spring.SpringDelegatingLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.InvalidWarmupEventException;
import io.github.lambdawarmup.LambdaContexts;
import io.github.lambdawarmup.WarmupEvent;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.WarmupRuntime;

/**
 * A Lambda handler for web applications that answers raw warm-up events and hands every other event,
 * byte for byte, to aws-serverless-java-container's handler. The container rejects events that are not
 * HTTP-shaped before any servlet filter runs, so a raw warm-up can only be caught here.
 * <p>
 * Name it as the function's handler in place of the container's:
 * {@code io.github.lambdawarmup.web.WarmupStreamHandler::handleRequest}.
 */
public class WarmupStreamHandler implements RequestStreamHandler {

	private static final Log logger = LogFactory.getLog(WarmupStreamHandler.class);

	// Without a Lambda deadline, a warm-up waits this long for the application to be ready.
	private static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration READY_MARGIN = Duration.ofMillis(500);

	private final RequestStreamHandler delegate;

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
	}

	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		byte[] event = input.readAllBytes();
		if (!claimsToBeWarmup(event)) {
			this.delegate.handleRequest(new ByteArrayInputStream(event), output, context);
			return;
		}
		Invocation invocation = (context != null) ? LambdaContexts.invocation(context) : Invocation.unknown();
		Optional<WarmupInterceptor.Answer> answer = awaitInterceptor(invocation).intercept(event, invocation);
		if (answer.isEmpty()) {
			throw new IllegalStateException("a warm-up was detected but not answered");
		}
		output.write(answer.get().json());
	}

	private static boolean claimsToBeWarmup(byte[] event) {
		try {
			return WarmupEvent.detect(event).isPresent();
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
