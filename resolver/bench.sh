#!/usr/bin/env bash
# Runs ResolverBenchmark (see its Javadoc): bash resolver/bench.sh [rounds] [load seconds]. Needs root,
# dnsperf, unbound and aardvark-dns (bash /work/shared/peers/install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl resolver -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx512m -cp "resolver/target/test-classes:resolver/target/classes:$(cat resolver/target/bench-classpath.txt)" \
  dev.lanyard.resolver.ResolverBenchmark "$@"
