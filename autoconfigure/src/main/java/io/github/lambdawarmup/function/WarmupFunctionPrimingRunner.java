package io.github.lambdawarmup.function;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.Priming;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Runs a priming event through the user's function as {@code FunctionInvoker} runs an event: the same message
 * built from the raw bytes, the same input conversion, the same function, the same output serialisation, with the
 * {@link Priming#MESSAGE_HEADER} header added. It carries no Lambda context, so the warm-up wrapper lets it
 * through and nothing counts it as a user's invocation.
 */
public final class WarmupFunctionPrimingRunner implements Priming.Runner {

	private final ObjectProvider<FunctionCatalog> catalog;

	private final ObjectProvider<JsonMapper> jsonMapper;

	private final @Nullable String definition;

	/**
	 * Creates a runner that looks the function up when it first runs, once the catalog exists.
	 * @param catalog the application's function catalog
	 * @param jsonMapper Spring Cloud Function's JSON mapper
	 * @param definition the function definition Lambda invokes ({@code spring.cloud.function.definition}), or
	 * {@code null} for the catalog's only function
	 */
	public WarmupFunctionPrimingRunner(ObjectProvider<FunctionCatalog> catalog, ObjectProvider<JsonMapper> jsonMapper,
			@Nullable String definition) {
		this.catalog = catalog;
		this.jsonMapper = jsonMapper;
		this.definition = definition;
	}

	@Override
	public void run(Priming.Event event) throws Exception {
		FunctionInvocationWrapper function = this.catalog.getObject()
			.lookup((this.definition != null) ? this.definition : "", "application/json");
		if (function == null) {
			throw new IllegalStateException("No function " + ((this.definition != null) ? "'" + this.definition + "'"
					: "(set spring.cloud.function.definition)") + " to prime");
		}
		Message<byte[]> message = AWSLambdaUtils.generateMessage(event.body(), function.getInputType(),
				function.isSupplier(), this.jsonMapper.getObject());
		Message<byte[]> marked = MessageBuilder.fromMessage(message).setHeader(Priming.MESSAGE_HEADER, "true").build();
		Object result = function.apply(marked);
		// The answer is serialised as FunctionInvoker serialises it, and dropped: that path is warm too.
		AWSLambdaUtils.generateOutputFromObject(marked, result, this.jsonMapper.getObject(), function.getOutputType());
	}

}
