#!/usr/bin/env bash
# The main demo: builds the project, starts local-lambda with the order-pricing sample (each execution
# environment a real JVM run by AWS's runtime interface client), sends a burst of user requests to the
# cold function, runs a warm-up fan-out, sends the same burst again, and prints what each burst paid.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -q -pl samples/benchmarks exec:exec@demo "$@"
