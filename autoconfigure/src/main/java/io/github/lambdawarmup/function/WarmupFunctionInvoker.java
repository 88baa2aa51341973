package io.github.lambdawarmup.function;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.Context;

import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.LambdaContexts;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.internal.WarmupRuntime;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Spring Cloud Function's {@link FunctionInvoker} with warm-ups answered before it: for environments that run
 * several invocations at once (Lambda Managed Instances, local emulators).
 * <p>
 * On standard Lambda, one invocation at a time, the starter's around-wrapper answers warm-ups inside
 * {@code FunctionInvoker}. Spring Cloud Function marks a function as wrapped with a flag it does not
 * synchronise, so when two invocations run at once in one JVM the second can skip the wrapper, and a
 * warm-up would reach the function. This handler answers warm-ups before Spring Cloud Function sees the
 * event, and hands every other event to {@code FunctionInvoker} byte for byte. Name it as the handler:
 * {@code io.github.lambdawarmup.function.WarmupFunctionInvoker::handleRequest}.
 */
public class WarmupFunctionInvoker extends FunctionInvoker {

	private static final ThreadLocal<Boolean> CHECKED = new ThreadLocal<>();

	/** Starts the application as {@link FunctionInvoker#FunctionInvoker()} does. */
	public WarmupFunctionInvoker() {
		super();
	}

	/**
	 * Starts the application for one function definition, as {@link FunctionInvoker#FunctionInvoker(String)} does.
	 * @param functionDefinition the function definition
	 */
	public WarmupFunctionInvoker(String functionDefinition) {
		super(functionDefinition);
	}

	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		byte[] event = input.readAllBytes();
		// The application is ready once the constructor returns: its interceptor is published, unless the
		// starter is not active here, and then every event goes on.
		WarmupInterceptor interceptor = WarmupRuntime.installed();
		if (interceptor != null) {
			Invocation invocation = (context != null) ? LambdaContexts.invocation(context) : Invocation.unknown();
			Optional<WarmupInterceptor.Answer> answer = interceptor.intercept(event, invocation);
			if (answer.isPresent()) {
				output.write(answer.get().json());
				return;
			}
		}
		// The around-wrapper would look at the same event again: it is told this one was looked at.
		CHECKED.set(Boolean.TRUE);
		try {
			super.handleRequest(new ByteArrayInputStream(event), output, context);
		}
		finally {
			CHECKED.remove();
		}
	}

	/** Whether the event the function is about to see was looked at by this handler, on this thread. */
	static boolean checked() {
		return CHECKED.get() != null;
	}

}
