package io.github.lambdawarmup.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * A plain handler, with nothing on its class path but its own class: what the runtime interface client must
 * run with the libraries Lambda's runtime brings.
 */
public class EchoStreamHandler implements RequestStreamHandler {

	@Override
	public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
		input.transferTo(output);
	}

}
