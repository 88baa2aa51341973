package io.github.lambdawarmup.autoconfigure;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.fanout.ConcurrencyWindow;
import io.github.lambdawarmup.fanout.FanOutInvocationType;
import io.github.lambdawarmup.fanout.FanOutSettings;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of lambda-warmup.
 */
@ConfigurationProperties("warmup")
public class WarmupProperties implements InitializingBean {

	/**
	 * Whether to answer warm-up invocations ahead of the application's code.
	 */
	private boolean enabled = true;

	/**
	 * How to decide that the application runs on AWS Lambda: auto (from the environment variables
	 * Lambda sets), force-on or force-off. Off Lambda, nothing of the warm-up path is registered.
	 */
	private LambdaDetection lambdaDetection = LambdaDetection.AUTO;

	/**
	 * Longest time a warm-up may keep this environment busy, whatever it asks for.
	 */
	private Duration maxHold = Duration.ofSeconds(1);

	/**
	 * Time kept free before the invocation's deadline when a warm-up holds the environment.
	 */
	private Duration answerMargin = Duration.ofMillis(200);

	/**
	 * Secret a fan-out trigger must carry when it comes from a schedule, which invokes asynchronously
	 * and so cannot prove itself with a client context. Feed it from an environment variable
	 * (WARMUP_TRIGGERSECRET) or a secret reference, never from a file in the repository. Without it,
	 * only synchronous, IAM-authenticated callers of the Invoke API can trigger a fan-out.
	 */
	private @Nullable String triggerSecret;

	private final FanOut fanOut = new FanOut();

	private final Dialects dialects = new Dialects();

	private final HttpWarmups httpWarmups = new HttpWarmups();

	private final Metrics metrics = new Metrics();

	private final Priming priming = new Priming();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public LambdaDetection getLambdaDetection() {
		return this.lambdaDetection;
	}

	public void setLambdaDetection(LambdaDetection lambdaDetection) {
		this.lambdaDetection = lambdaDetection;
	}

	public Duration getMaxHold() {
		return this.maxHold;
	}

	public void setMaxHold(Duration maxHold) {
		this.maxHold = maxHold;
	}

	public Duration getAnswerMargin() {
		return this.answerMargin;
	}

	public void setAnswerMargin(Duration answerMargin) {
		this.answerMargin = answerMargin;
	}

	public @Nullable String getTriggerSecret() {
		return this.triggerSecret;
	}

	public void setTriggerSecret(@Nullable String triggerSecret) {
		this.triggerSecret = triggerSecret;
	}

	public FanOut getFanOut() {
		return this.fanOut;
	}

	public Dialects getDialects() {
		return this.dialects;
	}

	public HttpWarmups getHttpWarmups() {
		return this.httpWarmups;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Priming getPriming() {
		return this.priming;
	}

	@Override
	public void afterPropertiesSet() {
		WarmupPropertiesValidator.validate(this);
	}

	FanOutSettings fanOutSettings() {
		List<ConcurrencyWindow> windows = this.fanOut.getWindows()
			.stream()
			.map((w) -> new ConcurrencyWindow(Set.copyOf(w.getDays()), w.getFrom(), w.getTo(), w.getConcurrency()))
			.toList();
		return new FanOutSettings(this.fanOut.getFunctionName(), this.fanOut.getQualifier(),
				this.fanOut.getInvocationType(), this.fanOut.getConcurrency(), windows, this.fanOut.getZone(),
				this.fanOut.getMaxConcurrency(), this.fanOut.getHold(), this.maxHold, this.fanOut.getInvocationTimeout(),
				this.fanOut.isPreConnect(), this.fanOut.getMinRetentionPercent());
	}

	/**
	 * The fan-out: N warm-ups at once, so that N environments stay warm.
	 */
	public static class FanOut {

		/**
		 * Whether to configure the fan-out.
		 */
		private boolean enabled = true;

		/**
		 * Name or ARN of the function to warm. Defaults to this function (AWS_LAMBDA_FUNCTION_NAME).
		 */
		private @Nullable String functionName;

		/**
		 * Alias or version to warm. Defaults to the one the fan-out trigger invoked this environment as,
		 * read from its invoked ARN.
		 */
		private @Nullable String qualifier;

		/**
		 * How to invoke: request-response counts the environments reached; event only queues the
		 * warm-ups and cannot tell which environments they reached.
		 */
		private FanOutInvocationType invocationType = FanOutInvocationType.REQUEST_RESPONSE;

		/**
		 * Number of environments to keep warm outside every window.
		 */
		private int concurrency = 10;

		/**
		 * Hard cap on any concurrency, configured here or carried by a fan-out trigger.
		 */
		private int maxConcurrency = 200;

		/**
		 * Hold every warm-up asks for. When not set, each warm-up holds until a deadline common to its
		 * round, derived from the dispatch spread the last round measured (carried to every
		 * environment in the warm-ups), so that all warm-ups overlap and the last ones reached hold
		 * least. Never more than warmup.max-hold.
		 */
		private @Nullable Duration hold;

		/**
		 * How long one invocation may take before it counts as timed out. The client the starter builds also
		 * gives a connection this long to open, TLS handshake included.
		 */
		private Duration invocationTimeout = Duration.ofSeconds(10);

		/**
		 * Whether to open the connections with DryRun invocations, which run nothing and are not
		 * billed, before the warm-ups go, so that TLS handshakes do not widen the round's spread.
		 */
		private boolean preConnect = true;

		/**
		 * Share of the concurrency, in percent, that a round must find again from the previous round;
		 * below it, the round warns that the rate is slower than the time Lambda keeps idle environments.
		 */
		private double minRetentionPercent = 80;

		/**
		 * Time zone of the concurrency windows.
		 */
		private ZoneId zone = ZoneId.of("UTC");

		/**
		 * Concurrencies for some days and hours, such as 30 on weekday business hours. The first window
		 * that applies wins; outside all of them, warmup.fan-out.concurrency applies.
		 */
		private List<Window> windows = new ArrayList<>();

		private final Client client = new Client();

		private final Schedule schedule = new Schedule();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getFunctionName() {
			return this.functionName;
		}

		public void setFunctionName(@Nullable String functionName) {
			this.functionName = functionName;
		}

		public @Nullable String getQualifier() {
			return this.qualifier;
		}

		public void setQualifier(@Nullable String qualifier) {
			this.qualifier = qualifier;
		}

		public FanOutInvocationType getInvocationType() {
			return this.invocationType;
		}

		public void setInvocationType(FanOutInvocationType invocationType) {
			this.invocationType = invocationType;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public int getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		public @Nullable Duration getHold() {
			return this.hold;
		}

		public void setHold(@Nullable Duration hold) {
			this.hold = hold;
		}

		public Duration getInvocationTimeout() {
			return this.invocationTimeout;
		}

		public void setInvocationTimeout(Duration invocationTimeout) {
			this.invocationTimeout = invocationTimeout;
		}

		public boolean isPreConnect() {
			return this.preConnect;
		}

		public void setPreConnect(boolean preConnect) {
			this.preConnect = preConnect;
		}

		public double getMinRetentionPercent() {
			return this.minRetentionPercent;
		}

		public void setMinRetentionPercent(double minRetentionPercent) {
			this.minRetentionPercent = minRetentionPercent;
		}

		public ZoneId getZone() {
			return this.zone;
		}

		public void setZone(ZoneId zone) {
			this.zone = zone;
		}

		public List<Window> getWindows() {
			return this.windows;
		}

		public void setWindows(List<Window> windows) {
			this.windows = windows;
		}

		public Client getClient() {
			return this.client;
		}

		public Schedule getSchedule() {
			return this.schedule;
		}

	}

	/**
	 * A concurrency for some days between two times of day.
	 */
	public static class Window {

		/**
		 * Days the window applies on. Every day when empty. A window across midnight belongs to the day
		 * it starts on.
		 */
		private List<DayOfWeek> days = new ArrayList<>();

		/**
		 * Time of day the window starts, such as 08:00.
		 */
		private LocalTime from = LocalTime.MIDNIGHT;

		/**
		 * Time of day the window ends, exclusive, such as 18:00. Before the start for a window across
		 * midnight; equal to the start for the whole day.
		 */
		private LocalTime to = LocalTime.MIDNIGHT;

		/**
		 * Number of environments to keep warm in the window. Required.
		 */
		private @Nullable Integer concurrency;

		public List<DayOfWeek> getDays() {
			return this.days;
		}

		public void setDays(List<DayOfWeek> days) {
			this.days = days;
		}

		public LocalTime getFrom() {
			return this.from;
		}

		public void setFrom(LocalTime from) {
			this.from = from;
		}

		public LocalTime getTo() {
			return this.to;
		}

		public void setTo(LocalTime to) {
			this.to = to;
		}

		public @Nullable Integer getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(@Nullable Integer concurrency) {
			this.concurrency = concurrency;
		}

	}

	/**
	 * The auto-configured Lambda client of the fan-out.
	 */
	public static class Client {

		/**
		 * AWS region of the function. Defaults to an AwsRegionProvider bean, then AWS_REGION.
		 */
		private @Nullable String region;

		/**
		 * Endpoint to send invocations to instead of the region's, such as a local Lambda service.
		 */
		private @Nullable URI endpoint;

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust the fan-out's TLS connections use instead
		 * of the JVM's, such as one that trusts a local Lambda service's certificate.
		 */
		private @Nullable String sslBundle;

		public @Nullable String getRegion() {
			return this.region;
		}

		public void setRegion(@Nullable String region) {
			this.region = region;
		}

		public @Nullable URI getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable URI endpoint) {
			this.endpoint = endpoint;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

	}

	/**
	 * A built-in schedule for a warmer that runs outside Lambda, in a long-lived service. Inside Lambda
	 * schedulers never fire: use an EventBridge schedule that sends the fan-out trigger.
	 */
	public static class Schedule {

		/**
		 * Time between two rounds, such as 4m.
		 */
		private @Nullable Duration rate;

		/**
		 * Cron expression of the rounds, such as "0 0/4 * * * *" for every four minutes. Used when no rate is set.
		 */
		private @Nullable String cron;

		public @Nullable Duration getRate() {
			return this.rate;
		}

		public void setRate(@Nullable Duration rate) {
			this.rate = rate;
		}

		public @Nullable String getCron() {
			return this.cron;
		}

		public void setCron(@Nullable String cron) {
			this.cron = cron;
		}

	}

	/**
	 * Other warmers whose payloads are warm-ups here. Each is off unless switched on: their payloads are
	 * made of common words that the application's own events may carry.
	 */
	public static class Dialects {

		private final ServerlessPluginWarmup serverlessPluginWarmup = new ServerlessPluginWarmup();

		private final LambdaWarmer lambdaWarmer = new LambdaWarmer();

		public ServerlessPluginWarmup getServerlessPluginWarmup() {
			return this.serverlessPluginWarmup;
		}

		public LambdaWarmer getLambdaWarmer() {
			return this.lambdaWarmer;
		}

	}

	/**
	 * serverless-plugin-warmup's pings, {"source":"serverless-plugin-warmup"}.
	 */
	public static class ServerlessPluginWarmup {

		/**
		 * Whether its pings are warm-ups.
		 */
		private boolean enabled;

		/**
		 * How long each ping holds its environment. That warmer sends its N pings at once and asks for no
		 * hold: without one, they would not overlap. Never more than warmup.max-hold.
		 */
		private Duration hold = Duration.ofMillis(500);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getHold() {
			return this.hold;
		}

		public void setHold(Duration hold) {
			this.hold = hold;
		}

	}

	/**
	 * lambda-warmer's payloads, {"warmer":true,"concurrency":3} and its self-invocations.
	 */
	public static class LambdaWarmer {

		/**
		 * Whether its payloads are warm-ups, and {"warmer":true,"concurrency":N} a fan-out trigger.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Warm-ups that arrive as HTTP requests marked with the X-Lambda-Warmup header (in any case).
	 */
	public static class HttpWarmups {

		/**
		 * Whether to answer them before the application's filters. Anyone who can reach the endpoint
		 * can send one: they hold, and say who answered, only for an IAM caller of the Invoke API.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Priming of the application's own code paths.
	 */
	public static class Priming {

		/**
		 * Events to run through the application's own code, so that its code paths are warm too: resource
		 * locations, patterns allowed (for example classpath:priming/*.json). Each runs once per environment, in
		 * its first trusted warm-up within the hold, or before a SnapStart checkpoint. Results are discarded,
		 * failures logged. Nothing primes unless this is set.
		 */
		private List<String> events = new ArrayList<>();

		public List<String> getEvents() {
			return this.events;
		}

		public void setEvents(List<String> events) {
			this.events = events;
		}

	}

	/**
	 * Metrics beyond Micrometer's.
	 */
	public static class Metrics {

		private final Emf emf = new Emf();

		public Emf getEmf() {
			return this.emf;
		}

	}

	/**
	 * Each round's report and each user cold start as a log line in CloudWatch's Embedded Metric Format,
	 * which CloudWatch Logs turns into metrics with no API call.
	 */
	public static class Emf {

		/**
		 * Whether to write them (on Lambda only).
		 */
		private boolean enabled = true;

		/**
		 * The CloudWatch namespace of the metrics.
		 */
		private String namespace = "LambdaWarmup";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getNamespace() {
			return this.namespace;
		}

		public void setNamespace(String namespace) {
			this.namespace = namespace;
		}

	}

}
