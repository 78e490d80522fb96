#!/usr/bin/env bash
# A throwaway single-node Kafka for the integration suites: KRaft, broker and controller in one JVM, on
# 127.0.0.1 only, its storage in a temporary directory. Kafka comes from Maven Central through pom.xml beside
# this script (downloaded once into ~/.m2); it needs Java 17+ and Maven, not Docker.
#
#   kafka-broker.sh start      format new storage, start on free loopback ports, wait until it answers;
#                              prints the bootstrap address (127.0.0.1:PORT) on standard output, nothing else
#   kafka-broker.sh stop       stop it (SIGTERM, SIGKILL after 20 s) and delete its storage; no broker is fine
#   kafka-broker.sh kill       SIGKILL it and leave its storage and ports for `restart` (the crash suite)
#   kafka-broker.sh restart    start it again on the same storage and ports, wait; prints the bootstrap address
#   kafka-broker.sh bootstrap  prints the bootstrap address of the broker this script runs; exit 1 if none runs
#
# One broker per checkout: test/kafka-broker/target/broker-dir names its directory (KAFKA_BROKER_STATE
# overrides the file), which holds server.properties, pid, bootstrap, broker.log and data/.
#
# Other settings: KAFKA_VERSION picks another Kafka 4.x from Maven Central (default: pom.xml's kafka.version);
# KAFKA_BROKER_HEAP the JVM's heap options (default -Xms128m -Xmx512m); KAFKA_BROKER_LOG4J another log4j2
# configuration (e.g. one with kafka.request.logger at DEBUG, to see each request's API and version).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
target="$here/target"
pointer="${KAFKA_BROKER_STATE:-$target/broker-dir}"
heap="${KAFKA_BROKER_HEAP:--Xms128m -Xmx512m}"
log4j="${KAFKA_BROKER_LOG4J:-$here/log4j2.properties}"
ready_timeout_s=90

say() { echo "kafka-broker: $*" >&2; }
die() { say "$*"; exit 1; }

kafka_version() { echo "${KAFKA_VERSION:-$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")}"; }

# The broker's class path, resolved by Maven from pom.xml; resolved again only when pom.xml changes.
classpath() {
  local version file
  version="$(kafka_version)"
  file="$target/classpath-$version.txt"
  if [[ ! -s "$file" || "$here/pom.xml" -nt "$file" ]]; then
    command -v mvn >/dev/null || die "mvn is not installed (Debian: apt-get install -y maven)"
    mkdir -p "$target"
    say "resolving Kafka $version from Maven Central into ~/.m2"
    # (a temporary name of its own: the crash suite may start a second broker at the same time)
    mvn -B -Dstyle.color=never -f "$here/pom.xml" -Dkafka.version="$version" \
      dependency:build-classpath -Dmdep.outputFile="$file.$$" >"$target/maven-$$.log" 2>&1 \
      || { tail -n 30 "$target/maven-$$.log" >&2; die "Maven could not resolve Kafka $version (log above; $target/maven-$$.log)"; }
    mv "$file.$$" "$file"
    rm -f "$target/maven-$$.log"
  fi
  cat "$file"
}

# A port that is free on 127.0.0.1 now (the kernel picks it); node is there wherever the project's tests run.
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# The directory of the broker this checkout runs, or nothing. Only a directory that start made is trusted
# (stop deletes it).
broker_dir() {
  [[ -f "$pointer" ]] || return 0
  local dir
  dir="$(cat "$pointer")"
  [[ "$dir" == */benefit-ledger-kafka.* && -f "$dir/server.properties" ]] && echo "$dir"
  return 0
}

# Whether the process still runs (a zombie waiting for its parent to reap it does not).
running() { [[ -r "/proc/$1/stat" ]] && [[ "$(sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f1)" != Z ]]; }

# The pid in the directory if that process is alive and is this broker (a reused pid is not ours).
live_pid() {
  local dir="$1" pid
  [[ -f "$dir/pid" ]] || return 1
  pid="$(cat "$dir/pid")"
  running "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$dir/server.properties" || return 1
  echo "$pid"
}

port_of() { sed -n 's|^advertised.listeners=PLAINTEXT://127.0.0.1:\([0-9]*\)$|\1|p' "$1/server.properties"; }

write_properties() {
  local dir="$1" port="$2" controller_port="$3"
  cat >"$dir/server.properties" <<EOF
# Written by kafka-broker.sh: one KRaft node, loopback only, sized for tests.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
# Topics are created on purpose by the suites (with their partitions and policies), as in production.
auto.create.topics.enable=false
# One replica of everything; internal topics small so the first consumer group is coordinated at once.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# After a kill, the restarted broker waits for the controller to expire its previous session: 3 s, not 9 s.
broker.session.timeout.ms=3000
broker.heartbeat.interval.ms=500
num.network.threads=2
num.io.threads=4
EOF
}

# Starts the JVM on the directory's storage and waits until the broker serves clients.
launch() {
  local dir="$1" version cp port log_start pid deadline
  version="$(cat "$dir/kafka-version")" # a restart runs the Kafka that formatted the storage
  cp="$(KAFKA_VERSION="$version" classpath)"
  port="$(port_of "$dir")"
  log_start=$(( $(stat -c %s "$dir/broker.log" 2>/dev/null || echo 0) + 1 ))
  # stdin/stdout/stderr away from the caller, so a caller reading our output is not held open by the broker.
  # shellcheck disable=SC2086 # heap is a list of JVM options
  java $heap -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$log4j" -cp "$cp" kafka.Kafka "$dir/server.properties" \
    </dev/null >>"$dir/broker.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/pid"
  # Ready = the broker logged that it started (after this launch) and its listener accepts a connection.
  deadline=$(( SECONDS + ready_timeout_s ))
  until tail -c +"$log_start" "$dir/broker.log" | grep -q 'Kafka Server started' && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! running "$pid"; then
      tail -n 40 "$dir/broker.log" >&2
      die "the broker exited while starting (log above; $dir/broker.log)"
    fi
    if (( SECONDS > deadline )); then
      tail -n 40 "$dir/broker.log" >&2
      kill -KILL "$pid" 2>/dev/null || true
      die "the broker did not answer on 127.0.0.1:$port within ${ready_timeout_s} s (log above)"
    fi
    sleep 0.2
  done
  echo "127.0.0.1:$port" >"$dir/bootstrap"
  say "Kafka $version ready at 127.0.0.1:$port (pid $pid, log $dir/broker.log)"
  echo "127.0.0.1:$port"
}

# Kafka 4 runs on Java 17 or later.
require_java() {
  local major
  command -v java >/dev/null || die "java is not installed (Debian: apt-get install -y default-jdk-headless)"
  major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
  (( ${major:-0} >= 17 )) || die "Kafka $(kafka_version) needs Java 17 or later; java here is ${major:-unknown}"
}

start() {
  local dir port controller_port cp cluster_id
  require_java
  dir="$(broker_dir)"
  if [[ -n "$dir" ]] && live_pid "$dir" >/dev/null; then
    die "a broker is already running at $(cat "$dir/bootstrap" 2>/dev/null) (kafka-broker.sh stop first)"
  fi
  [[ -n "$dir" ]] && stop
  cp="$(classpath)"
  dir="$(mktemp -d "${TMPDIR:-/tmp}/benefit-ledger-kafka.XXXXXX")"
  port="$(free_port)"
  controller_port="$(free_port)"
  while [[ "$controller_port" == "$port" ]]; do controller_port="$(free_port)"; done
  write_properties "$dir" "$port" "$controller_port"
  kafka_version >"$dir/kafka-version"
  mkdir -p "$(dirname "$pointer")"
  echo "$dir" >"$pointer"
  # A cluster id is 16 random bytes, base64url without padding (what `kafka-storage random-uuid` prints).
  cluster_id="$(node -e "console.log(require('crypto').randomBytes(16).toString('base64url'))")"
  java -Xmx256m -Dlog4j2.configurationFile="$log4j" -cp "$cp" kafka.tools.StorageTool \
    format --cluster-id "$cluster_id" --config "$dir/server.properties" >>"$dir/broker.log" 2>&1 \
    || { cat "$dir/broker.log" >&2; die "formatting the storage failed"; }
  launch "$dir"
}

restart() {
  local dir
  dir="$(broker_dir)"
  [[ -n "$dir" ]] || die "no broker to restart (kafka-broker.sh start first)"
  live_pid "$dir" >/dev/null && die "the broker is still running (kafka-broker.sh kill first)"
  launch "$dir"
}

kill_broker() {
  local dir pid
  dir="$(broker_dir)"
  [[ -n "$dir" ]] || die "no broker to kill"
  pid="$(live_pid "$dir")" || die "the broker is not running"
  kill -KILL "$pid"
  while running "$pid"; do sleep 0.05; done
  say "killed pid $pid (SIGKILL); storage kept in $dir"
}

stop() {
  local dir pid deadline
  dir="$(broker_dir)"
  if [[ -z "$dir" ]]; then rm -f "$pointer"; return 0; fi
  if pid="$(live_pid "$dir")"; then
    kill -TERM "$pid"
    deadline=$(( SECONDS + 20 ))
    while running "$pid" && (( SECONDS < deadline )); do sleep 0.1; done
    running "$pid" && kill -KILL "$pid" 2>/dev/null
    say "stopped pid $pid"
  fi
  rm -rf "$dir"
  rm -f "$pointer"
}

bootstrap() {
  local dir
  dir="$(broker_dir)"
  [[ -n "$dir" ]] && live_pid "$dir" >/dev/null || die "no broker is running"
  cat "$dir/bootstrap"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  kill) kill_broker ;;
  restart) restart ;;
  bootstrap) bootstrap ;;
  *) die "usage: kafka-broker.sh start|stop|kill|restart|bootstrap" ;;
esac
