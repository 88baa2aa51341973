package io.github.lambdawarmup.fanout;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Builds the Invoke requests of one pass, signed with AWS Signature Version 4: the same headers, byte
 * for byte, as the SDK's {@code AwsV4HttpSigner} adds to the same request (a property test compares the
 * two), for the one shape of request a fan-out sends.
 * <p>
 * The SDK's signer is general: for every request it streams the payload through a checksum, copies
 * the header maps several times and derives the signing key again, about 22 KB of garbage a request,
 * on the thread that spreads the round. Here what does not change within a pass is done once: the
 * canonical path, query and fixed headers, the signing key of the day, the date of the second; a
 * request costs two SHA-256 digests and one HMAC into reused buffers. Upstream's own fast path
 * ({@code FastV4HeaderSigner}) is not in the SDK this project builds with.
 * <p>
 * One instance serves one pass; its methods are synchronised, since its buffers are reused.
 */
final class SignedInvokeRequests {

	private static final String ALGORITHM = "AWS4-HMAC-SHA256";

	private static final String SERVICE = "lambda";

	private static final String TERMINATOR = "aws4_request";

	private static final String CONTENT_TYPE = "application/json";

	private static final String REQUEST_RESPONSE = "RequestResponse";

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

	private final Clock clock;

	private final String accessKeyId;

	private final byte[] secretKey;

	private final @Nullable String sessionToken;

	private final String region;

	private final SdkHttpFullRequest template;

	private final String host;

	private final @Nullable String clientContext;

	// Everything of the canonical request before its first varying header, and the signed headers'
	// names with and without the client context (sent with RequestResponse only).
	private final String canonicalHead;

	private final String canonicalHost;

	private final @Nullable String canonicalClientContext;

	private final @Nullable String canonicalToken;

	private final String signedHeaders;

	private final String signedHeadersWithContext;

	private final MessageDigest sha256;

	private final Mac hmac;

	private final StringBuilder text = new StringBuilder(1024);

	private byte[] ascii = new byte[1024];

	private byte[] encoded = this.ascii;

	private final byte[] digest = new byte[32];

	private long second = Long.MIN_VALUE;

	private String amzDate = "";

	private long day = Long.MIN_VALUE;

	private String scope = "";

	/**
	 * Prepares the requests of one pass.
	 * @param credentials the credentials to sign with
	 * @param region the function's region
	 * @param endpoint the Invoke API's endpoint: scheme, host and port
	 * @param encodedPath the request's path, already URL-encoded
	 * @param qualifier the {@code Qualifier} query parameter, or {@code null}
	 * @param clientContext the {@code X-Amz-Client-Context} header of {@code RequestResponse} invocations,
	 * or {@code null}
	 * @param clock the clock the signatures are dated by
	 */
	SignedInvokeRequests(AwsCredentialsIdentity credentials, String region, URI endpoint, String encodedPath,
			@Nullable String qualifier, @Nullable String clientContext, Clock clock) {
		this.clock = clock;
		// Trimmed, as the SDK's signer takes credentials.
		this.accessKeyId = credentials.accessKeyId().trim();
		this.secretKey = ("AWS4" + credentials.secretAccessKey().trim()).getBytes(StandardCharsets.UTF_8);
		this.sessionToken = (credentials instanceof AwsSessionCredentialsIdentity session)
				? session.sessionToken().trim() : null;
		this.region = region;
		this.clientContext = clientContext;
		SdkHttpFullRequest.Builder template = SdkHttpFullRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(endpoint)
			.encodedPath(encodedPath)
			.putHeader("Content-Type", CONTENT_TYPE);
		if (qualifier != null) {
			template.putRawQueryParameter("Qualifier", qualifier);
		}
		this.template = template.build();
		this.host = host(this.template);
		this.canonicalHead = "POST\n" + canonicalUri(this.template) + "\n"
				+ ((qualifier != null) ? "Qualifier=" + SdkHttpUtils.urlEncode(qualifier) : "") + "\n";
		this.canonicalHost = trimmed(this.host);
		this.canonicalClientContext = (clientContext != null) ? trimmed(clientContext) : null;
		this.canonicalToken = (this.sessionToken != null) ? trimmed(this.sessionToken) : null;
		String token = (this.sessionToken != null) ? ";x-amz-security-token" : "";
		this.signedHeaders = "content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-invocation-type"
				+ token;
		this.signedHeadersWithContext = "content-length;content-type;host;x-amz-client-context;x-amz-content-sha256;"
				+ "x-amz-date;x-amz-invocation-type" + token;
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
			this.hmac = Mac.getInstance("HmacSHA256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 and HmacSHA256 are required of every Java platform", ex);
		}
	}

	/**
	 * The signed request of one invocation.
	 * @param invocationType {@code RequestResponse}, {@code Event} or {@code DryRun}
	 * @param payload the event
	 * @return the request, with its {@code Authorization} header
	 */
	synchronized SdkHttpFullRequest sign(String invocationType, byte[] payload) {
		boolean withContext = this.clientContext != null && REQUEST_RESPONSE.equals(invocationType);
		String payloadHash = (payload.length == 0) ? EMPTY_SHA256 : hex(this.sha256.digest(payload));
		String date = amzDate();
		String contentLength = Integer.toString(payload.length);
		String headers = withContext ? this.signedHeadersWithContext : this.signedHeaders;

		StringBuilder canonical = this.text;
		canonical.setLength(0);
		canonical.append(this.canonicalHead)
			.append("content-length:").append(contentLength)
			.append("\ncontent-type:" + CONTENT_TYPE + "\nhost:").append(this.canonicalHost).append('\n');
		if (withContext) {
			canonical.append("x-amz-client-context:").append(this.canonicalClientContext).append('\n');
		}
		canonical.append("x-amz-content-sha256:").append(payloadHash)
			.append("\nx-amz-date:").append(date)
			.append("\nx-amz-invocation-type:").append(invocationType).append('\n');
		if (this.canonicalToken != null) {
			canonical.append("x-amz-security-token:").append(this.canonicalToken).append('\n');
		}
		canonical.append('\n').append(headers).append('\n').append(payloadHash);
		digest(this.sha256, canonical, this.digest);

		canonical.setLength(0);
		canonical.append(ALGORITHM + "\n").append(date).append('\n').append(this.scope).append('\n');
		appendHex(canonical, this.digest);
		digest(this.hmac, canonical, this.digest);

		canonical.setLength(0);
		canonical.append(ALGORITHM + " Credential=").append(this.accessKeyId).append('/').append(this.scope)
			.append(", SignedHeaders=").append(headers).append(", Signature=");
		appendHex(canonical, this.digest);

		SdkHttpFullRequest.Builder request = this.template.toBuilder()
			.putHeader("Content-Length", contentLength)
			.putHeader("X-Amz-Invocation-Type", invocationType)
			.putHeader("Host", this.host)
			.putHeader("X-Amz-Date", date)
			.putHeader("x-amz-content-sha256", payloadHash)
			.putHeader("Authorization", canonical.toString());
		if (withContext) {
			request.putHeader("X-Amz-Client-Context", this.clientContext);
		}
		if (this.sessionToken != null) {
			request.putHeader("X-Amz-Security-Token", this.sessionToken);
		}
		return request.build();
	}

	// The date of this second, and with a new day the scope and the signing key.
	private String amzDate() {
		long now = Math.floorDiv(this.clock.millis(), 1000);
		if (now != this.second) {
			LocalDateTime time = LocalDateTime.ofEpochSecond(now, 0, ZoneOffset.UTC);
			String dateStamp = String.format("%04d%02d%02d", time.getYear(), time.getMonthValue(), time.getDayOfMonth());
			this.amzDate = dateStamp
					+ String.format("T%02d%02d%02dZ", time.getHour(), time.getMinute(), time.getSecond());
			this.second = now;
			long today = Math.floorDiv(now, 86_400);
			if (today != this.day) {
				this.scope = dateStamp + "/" + this.region + "/" + SERVICE + "/" + TERMINATOR;
				byte[] key = hmac(this.secretKey, dateStamp);
				key = hmac(key, this.region);
				key = hmac(key, SERVICE);
				key = hmac(key, TERMINATOR);
				try {
					this.hmac.init(new SecretKeySpec(key, "HmacSHA256"));
				}
				catch (GeneralSecurityException ex) {
					throw new IllegalStateException("Cannot use the signing key", ex);
				}
				this.day = today;
			}
		}
		return this.amzDate;
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot derive the signing key", ex);
		}
	}

	private void digest(MessageDigest digest, CharSequence text, byte[] into) {
		int length = encode(text);
		digest.update(this.encoded, 0, length);
		try {
			digest.digest(into, 0, into.length);
		}
		catch (DigestException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void digest(Mac mac, CharSequence text, byte[] into) {
		int length = encode(text);
		mac.update(this.encoded, 0, length);
		try {
			mac.doFinal(into, 0);
		}
		catch (ShortBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// Into a reused buffer: the text is ASCII unless a credential or the client context is not, and only
	// then are its bytes encoded anew.
	private int encode(CharSequence text) {
		int length = text.length();
		if (this.ascii.length < length) {
			this.ascii = new byte[Math.max(length, 2 * this.ascii.length)];
		}
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				this.encoded = text.toString().getBytes(StandardCharsets.UTF_8);
				return this.encoded.length;
			}
			this.ascii[i] = (byte) c;
		}
		this.encoded = this.ascii;
		return length;
	}

	private static String hex(byte[] bytes) {
		StringBuilder hex = new StringBuilder(2 * bytes.length);
		appendHex(hex, bytes);
		return hex.toString();
	}

	private static void appendHex(StringBuilder to, byte[] bytes) {
		for (byte b : bytes) {
			to.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
		}
	}

	// As the SDK's signer: the normalised path, URL-encoded once more, slashes kept. An Invoke path is
	// never empty and starts with a slash, which spares the signer's cases for paths that are not.
	private static String canonicalUri(SdkHttpFullRequest request) {
		String path = SdkHttpUtils.urlEncodeIgnoreSlashes(request.getUri().normalize().getRawPath());
		if (path.length() > 1 && !request.getUri().getPath().endsWith("/") && path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return path;
	}

	private static String host(SdkHttpFullRequest request) {
		return SdkHttpUtils.isUsingStandardPort(request.protocol(), request.port()) ? request.host()
				: request.host() + ":" + request.port();
	}

	// Header values as the signer canonicalises them: without white space around, each run of it inside
	// one space.
	private static String trimmed(String value) {
		StringBuilder trimmed = new StringBuilder(value.length());
		boolean space = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f') {
				space = !trimmed.isEmpty();
			}
			else {
				if (space) {
					trimmed.append(' ');
					space = false;
				}
				trimmed.append(c);
			}
		}
		return trimmed.toString();
	}

}
