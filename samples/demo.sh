#!/usr/bin/env bash
# Builds the project and runs the order-pricing sample through Spring Cloud Function's real
# FunctionInvoker: a warm-up (answered by lambda-warmup), an order (priced by the function), and a
# malformed warm-up (answered with a clear error).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -q -pl samples/function-app exec:java
