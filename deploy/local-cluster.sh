#!/usr/bin/env bash
# A Spark standalone cluster on this machine, bound to 127.0.0.1, from the project's own Spark runtime (no Spark
# distribution needed): one master and N workers, each a JVM of its own; executors are JVMs the workers start.
#
#   deploy/local-cluster.sh start [--workers N] [--cores C] [--memory M]   # default 2 workers, 1 core, 1536m each
#   deploy/local-cluster.sh status
#   deploy/local-cluster.sh stop
#   deploy/spark-submit.sh --master spark://127.0.0.1:17077 -- run ...
#
# Ports (environment): SSL_MASTER_PORT (17077), SSL_MASTER_UI_PORT (18080), workers' UIs from SSL_WORKER_UI_PORT
# (18081) up. State, logs and the workers' folders live in SSL_CLUSTER_DIR (default target/local-cluster): stop
# ends exactly the processes start recorded there (each started in a process group of its own, which the
# executors a worker starts share) and nothing else.
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=launcher-common.sh
source "$HOME_DIR/deploy/launcher-common.sh"

DIR="${SSL_CLUSTER_DIR:-$HOME_DIR/target/local-cluster}"
MASTER_PORT="${SSL_MASTER_PORT:-17077}"
MASTER_UI_PORT="${SSL_MASTER_UI_PORT:-18080}"
WORKER_UI_PORT="${SSL_WORKER_UI_PORT:-18081}"
MASTER_URL="spark://127.0.0.1:$MASTER_PORT"

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

master_json() { curl -sf --max-time 2 "http://127.0.0.1:$MASTER_UI_PORT/json/" 2>/dev/null || true; }

status() {
  local running=0 pid_file
  for pid_file in "$DIR"/pids/*.pid; do
    [[ -e "$pid_file" ]] || continue
    if alive "$pid_file"; then
      echo "$(basename "$pid_file" .pid): running, pid $(cat "$pid_file")"
      running=$((running + 1))
    else
      echo "$(basename "$pid_file" .pid): not running (pid $(cat "$pid_file") recorded)"
    fi
  done
  if [[ $running -eq 0 ]]; then echo "no local cluster running (state in $DIR)"; return 3; fi
  local json; json="$(master_json)"
  if [[ -n "$json" ]]; then
    echo "master $MASTER_URL, web UI http://127.0.0.1:$MASTER_UI_PORT: status $(sed -n 's/.*"status" *: *"\([A-Z]*\)".*/\1/p' <<<"$json"), alive workers $(sed -n 's/.*"aliveworkers" *: *\([0-9]*\).*/\1/p' <<<"$json")"
  fi
}

start_process() { # name, then the command
  local name="$1"; shift
  setsid "$@" >"$DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$DIR/pids/$name.pid"
}

start() {
  local workers=2 cores=1 memory=1536m
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --workers) workers="$2"; shift 2 ;;
      --cores) cores="$2"; shift 2 ;;
      --memory) memory="$2"; shift 2 ;;
      *) echo "local-cluster.sh: unknown option $1" >&2; exit 2 ;;
    esac
  done
  if compgen -G "$DIR/pids/*.pid" >/dev/null; then
    for pid_file in "$DIR"/pids/*.pid; do
      if alive "$pid_file"; then
        echo "local-cluster.sh: a cluster is already running from $DIR ($(basename "$pid_file" .pid), pid $(cat "$pid_file")); stop it first" >&2
        exit 2
      fi
    done
  fi
  local classpath_file="$HOME_DIR/deploy/target/spark-classpath.txt"
  if [[ ! -f "$classpath_file" ]]; then
    echo "local-cluster.sh: building the Spark runtime classpath (mvn -DskipTests package)..." >&2
    (cd "$HOME_DIR" && mvn -B -q -DskipTests package) >&2
  fi
  rm -rf "$DIR/pids" "$DIR/spark-home"
  mkdir -p "$DIR/pids" "$DIR/logs" "$DIR/spark-home/jars"
  # A worker builds its executors' classpath from SPARK_HOME/jars.
  tr ":" "\n" < "$classpath_file" | while read -r jar || [[ -n "$jar" ]]; do ln -sf "$jar" "$DIR/spark-home/jars/"; done
  local classpath="$DIR/spark-home/jars/*"
  export SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.12 SPARK_HOME="$DIR/spark-home"

  start_process master java -Xmx512m "${SSL_JAVA17_OPENS[@]}" -cp "$classpath" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_UI_PORT"
  local deadline=$((SECONDS + 60))
  until master_json | grep -q '"ALIVE"'; do
    if ! alive "$DIR/pids/master.pid" || [[ $SECONDS -gt $deadline ]]; then
      echo "local-cluster.sh: the master did not come up; see $DIR/logs/master.log" >&2
      stop >/dev/null; exit 1
    fi
    sleep 0.5
  done
  for i in $(seq 1 "$workers"); do
    mkdir -p "$DIR/work/worker-$i"
    start_process "worker-$i" java -Xmx256m "${SSL_JAVA17_OPENS[@]}" -cp "$classpath" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "$cores" --memory "$memory" --webui-port $((WORKER_UI_PORT + i - 1)) \
      --work-dir "$DIR/work/worker-$i" "$MASTER_URL"
  done
  until [[ "$(master_json | sed -n 's/.*"aliveworkers" *: *\([0-9]*\).*/\1/p')" == "$workers" ]]; do
    if [[ $SECONDS -gt $deadline ]]; then
      echo "local-cluster.sh: not all $workers workers registered; see $DIR/logs/" >&2
      stop >/dev/null; exit 1
    fi
    sleep 0.5
  done
  echo "master $MASTER_URL (web UI http://127.0.0.1:$MASTER_UI_PORT), $workers workers x $cores cores x $memory; logs in $DIR/logs"
}

stop() {
  local pid_file pid
  for pid_file in "$DIR"/pids/worker-*.pid "$DIR"/pids/master.pid; do
    [[ -e "$pid_file" ]] || continue
    pid="$(cat "$pid_file")"
    # the process group: the worker and the executor JVMs it started
    if kill -0 "$pid" 2>/dev/null; then kill -TERM -- "-$pid" 2>/dev/null || true; fi
  done
  for _ in $(seq 1 40); do
    local left=0
    for pid_file in "$DIR"/pids/*.pid; do
      [[ -e "$pid_file" ]] || continue
      if kill -0 -- "-$(cat "$pid_file")" 2>/dev/null; then left=1; fi
    done
    [[ $left -eq 0 ]] && break
    sleep 0.25
  done
  for pid_file in "$DIR"/pids/*.pid; do
    [[ -e "$pid_file" ]] || continue
    kill -KILL -- "-$(cat "$pid_file")" 2>/dev/null || true
    echo "stopped $(basename "$pid_file" .pid) (pid $(cat "$pid_file"))"
    rm -f "$pid_file"
  done
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: deploy/local-cluster.sh start [--workers N] [--cores C] [--memory M] | status | stop" >&2; exit 2 ;;
esac
