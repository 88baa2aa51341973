package io.github.lambdawarmup.function;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.Context;
import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.LambdaContexts;
import io.github.lambdawarmup.WarmupEvent;
import io.github.lambdawarmup.WarmupInterceptor;

import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Answers warm-up invocations before the function runs, and hands every other invocation to the
 * wrapper it decorates (Spring Cloud Function's observation wrapper, for one) or to the function.
 * <p>
 * Spring Cloud Function has a single slot for an around-wrapper, so this one decorates whatever
 * occupies it instead of taking its place. It acts only on messages that carry the Lambda
 * {@link Context}: the wrapper also wraps functions called from inside the application.
 */
public class WarmupFunctionAroundWrapper extends FunctionAroundWrapper {

	private final WarmupInterceptor interceptor;

	private final @Nullable FunctionAroundWrapper delegate;

	/**
	 * Creates a wrapper.
	 * @param interceptor what answers warm-ups
	 * @param delegate the wrapper to hand other invocations to, or {@code null} to call the function
	 */
	public WarmupFunctionAroundWrapper(WarmupInterceptor interceptor, @Nullable FunctionAroundWrapper delegate) {
		this.interceptor = interceptor;
		this.delegate = delegate;
	}

	/** The wrapper this one decorates, if any. */
	public @Nullable FunctionAroundWrapper getDelegate() {
		return this.delegate;
	}

	@Override
	protected Object doApply(Object input, FunctionInvocationWrapper targetFunction) {
		if (WarmupFunctionInvoker.checked()) {
			return proceed(input, targetFunction);
		}
		if (input instanceof Message<?> message
				&& message.getHeaders().get(AWSLambdaUtils.AWS_CONTEXT) instanceof Context context) {
			Invocation invocation = LambdaContexts.invocation(context);
			if (message.getPayload() instanceof InputStream stream) {
				return interceptStream(message, stream, invocation, targetFunction);
			}
			byte[] event = bytes(message.getPayload());
			if (event != null) {
				Optional<WarmupInterceptor.Answer> answer = this.interceptor.intercept(event, invocation);
				if (answer.isPresent()) {
					return answerMessage(answer.get().json());
				}
			}
		}
		return proceed(input, targetFunction);
	}

	// A stream can be read once: read at most what a warm-up can be, and give the function the same bytes.
	private Object interceptStream(Message<?> message, InputStream stream, Invocation invocation,
			FunctionInvocationWrapper targetFunction) {
		byte[] head = readAtMost(stream, WarmupEvent.MAX_EVENT_BYTES + 1);
		boolean complete = head.length <= WarmupEvent.MAX_EVENT_BYTES;
		Optional<WarmupInterceptor.Answer> answer = this.interceptor.intercept(complete ? head : new byte[0],
				invocation);
		if (answer.isPresent()) {
			return answerMessage(answer.get().json());
		}
		InputStream replay = complete ? new ByteArrayInputStream(head)
				: new SequenceInputStream(new ByteArrayInputStream(head), stream);
		return proceed(MessageBuilder.withPayload(replay).copyHeaders(message.getHeaders()).build(), targetFunction);
	}

	private Object proceed(Object input, FunctionInvocationWrapper targetFunction) {
		return (this.delegate != null) ? this.delegate.apply(input, targetFunction) : targetFunction.apply(input);
	}

	private static Message<byte[]> answerMessage(byte[] answer) {
		return MessageBuilder.withPayload(answer)
			.setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
			.build();
	}

	private static @Nullable byte[] bytes(Object payload) {
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		if (payload instanceof String string) {
			return string.getBytes(StandardCharsets.UTF_8);
		}
		return null;
	}

	private static byte[] readAtMost(InputStream stream, int limit) {
		try {
			return stream.readNBytes(limit);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read the invocation event", ex);
		}
	}

}
