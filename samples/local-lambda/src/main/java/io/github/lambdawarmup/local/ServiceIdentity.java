package io.github.lambdawarmup.local;

/**
 * The region and account the local service pretends to be.
 *
 * @param region the region in ARNs and environment variables
 * @param accountId the account id in ARNs
 */
record ServiceIdentity(String region, String accountId) {

	String functionArn(String functionName) {
		return "arn:aws:lambda:" + this.region + ":" + this.accountId + ":function:" + functionName;
	}

}
