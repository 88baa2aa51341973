package io.github.lambdawarmup.benchmarks;

import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What keeping N environments warm costs a month with lambda-warmup, against provisioned concurrency,
 * at us-east-1 list prices (see the research notes; no free tier counted).
 */
@Command(name = "cost", mixinStandardHelpOptions = true,
		description = "Monthly cost of keeping N environments warm: fan-out warming against provisioned concurrency.")
public class WarmupCostCalculator implements Callable<Integer> {

	private static final double SECONDS_A_MONTH = 30 * 86_400;

	private static final double REQUEST_PRICE = 0.20 / 1_000_000;

	@Option(names = "--concurrency", description = "Environments to keep warm (default: ${DEFAULT-VALUE}).")
	int concurrency = 100;

	@Option(names = "--memory-mb", description = "Function memory (default: ${DEFAULT-VALUE}).")
	int memoryMb = 1536;

	@Option(names = "--hold", description = "Hold of each warm-up (default: ${DEFAULT-VALUE}).")
	Duration hold = Duration.ofMillis(300);

	@Option(names = "--rate", description = "Time between rounds (default: ${DEFAULT-VALUE}).")
	Duration rate = Duration.ofMinutes(4);

	@Option(names = "--init", description = "Billed init of one cold start (default: ${DEFAULT-VALUE}).")
	Duration init = Duration.ofSeconds(5);

	@Option(names = "--recycle", description = "How long Lambda keeps an environment before replacing it (default: ${DEFAULT-VALUE}).")
	Duration recycle = Duration.ofHours(2);

	@Option(names = "--arm64", description = "Price arm64 instead of x86.")
	boolean arm64;

	@Option(names = "--hours-a-day", description = "Hours a day of warming or of provisioned concurrency (default: ${DEFAULT-VALUE}).")
	double hoursADay = 24;

	public static void main(String[] args) {
		System.exit(new CommandLine(new WarmupCostCalculator()).registerConverter(Duration.class, Duration::parse)
			.execute(args));
	}

	@Override
	public Integer call() {
		double gb = this.memoryMb / 1024.0;
		double durationPrice = this.arm64 ? 0.0000133334 : 0.0000166667;
		double standbyPrice = this.arm64 ? 0.0000033334 : 0.0000041667;
		double share = this.hoursADay / 24;
		double rounds = SECONDS_A_MONTH * share / this.rate.toSeconds();
		double warmups = rounds * this.concurrency;
		double holdSeconds = this.hold.toMillis() / 1000.0;
		double requests = (warmups + rounds) * REQUEST_PRICE;
		// Each round's trigger environment is busy for about a hold and the dispatch.
		double duration = (warmups * holdSeconds + rounds * (holdSeconds + 0.2)) * gb * durationPrice;
		double inits = this.concurrency * (SECONDS_A_MONTH * share / this.recycle.toSeconds())
				* this.init.toMillis() / 1000.0 * gb * durationPrice;
		double provisioned = this.concurrency * gb * SECONDS_A_MONTH * share * standbyPrice;
		System.out.printf("%d environments of %d MB, %s, %.0f h a day, a round every %s holding %d ms:%n%n",
				this.concurrency, this.memoryMb, this.arm64 ? "arm64" : "x86", this.hoursADay, this.rate,
				this.hold.toMillis());
		System.out.printf("%-58s %12s%n", "", "per month");
		System.out.printf("%-58s %12s%n", "lambda-warmup: requests (" + Math.round(warmups + rounds) + ")",
				dollars(requests));
		System.out.printf("%-58s %12s%n", "lambda-warmup: duration of the holds", dollars(duration));
		System.out.printf("%-58s %12s%n", "lambda-warmup: billed inits, one per environment per " + this.recycle,
				dollars(inits));
		System.out.printf("%-58s %12s%n", "lambda-warmup: total", dollars(requests + duration + inits));
		System.out.printf("%-58s %12s%n", "provisioned concurrency: standby alone", dollars(provisioned));
		System.out.printf("%-58s %12s%n", "SnapStart (Java): no charge; cold starts remain, shorter", dollars(0));
		return 0;
	}

	private static String dollars(double amount) {
		return String.format("$%,.2f", amount);
	}

}
