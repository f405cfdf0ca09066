#!/usr/bin/env bash
# Submits an ssl-pipeline command to a cluster (standalone, YARN or Kubernetes) with spark-submit.
#
#   mvn -DskipTests package        # builds deploy/target/ssl-pipeline-*-spark-submit.jar (Spark left out)
#   deploy/spark-submit.sh --master spark://127.0.0.1:7077 -- run --config conf/cluster-standalone.conf
#   deploy/spark-submit.sh --master yarn --deploy-mode cluster -- run --config conf/cluster-yarn.conf
#
# Arguments before "--" go to spark-submit, the rest to ssl-pipeline. The master is spark-submit's: a different
# ssl.spark.master in the config is ignored, with a warning naming both.
#
# What this adds to spark-submit's arguments (any of them can be overridden with a --conf of your own):
# - the Java 17 flags Spark needs, for the driver, the YARN application master and the executors;
# - Kryo with the pipeline's registrator;
# - ND4J's off-heap limits and memory overheads that leave room for them. ND4J keeps its arrays off the Java heap,
#   where YARN and Kubernetes count them against the container. Per executor:
#     heap           = SSL_EXECUTOR_MEMORY  (default 2g: spark.executor.memory)
#     ND4J arrays    = SSL_EXECUTOR_OFFHEAP (default 2g: org.bytedeco.javacpp.maxbytes)
#     memoryOverhead = ND4J arrays + 512m   (libnd4j's code, OpenMP and Netty buffers, thread stacks)
#     maxphysicalbytes = heap + memoryOverhead, so ND4J fails with its own OutOfMemoryError, naming the limit,
#                        before the cluster manager kills the container from outside.
#   The driver likewise with SSL_DRIVER_MEMORY and SSL_DRIVER_OFFHEAP (its overhead only counts in cluster mode).
# - the config file: shipped with --files, and in cluster mode read by the driver from its working folder (YARN,
#   Kubernetes). A standalone cluster-mode driver gets no --files: give it a config on a shared file system
#   (--config hdfs://...).
#
# spark-submit is taken from SPARK_HOME, else from the PATH, else run from the project's own Spark runtime
# (deploy/target/spark-classpath.txt: Spark 3.5.9 with its YARN module, no Spark distribution needed).
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=launcher-common.sh
source "$HOME_DIR/deploy/launcher-common.sh"

JAR="${SSL_SUBMIT_JAR:-$(ls "$HOME_DIR"/deploy/target/ssl-pipeline-*-spark-submit.jar 2>/dev/null | head -1 || true)}"
if [[ -z "$JAR" || ! -f "$JAR" ]]; then
  echo "spark-submit.sh: no spark-submit jar${JAR:+ at $JAR}: build it with  mvn -DskipTests package" >&2
  exit 2
fi

SUBMIT_ARGS=()
MASTER="" DEPLOY_MODE="client"
while [[ $# -gt 0 && "$1" != "--" ]]; do
  case "$1" in
    --master) MASTER="${2:-}" ;;
    --master=*) MASTER="${1#--master=}" ;;
    --deploy-mode) DEPLOY_MODE="${2:-}" ;;
    --deploy-mode=*) DEPLOY_MODE="${1#--deploy-mode=}" ;;
  esac
  SUBMIT_ARGS+=("$1"); shift
done
if [[ $# -eq 0 ]]; then
  echo "usage: deploy/spark-submit.sh [spark-submit options] -- <ssl-pipeline command> [options]" >&2
  exit 2
fi
shift
if [[ -z "$MASTER" ]]; then
  echo "spark-submit.sh: give spark-submit a --master (spark://host:port, yarn, k8s://https://host:port, local[N])" >&2
  exit 2
fi

# The config file: shipped to the driver in cluster mode, named by its file name there.
PIPELINE_ARGS=() FILES=()
while [[ $# -gt 0 ]]; do
  arg="$1"; shift
  value=""
  case "$arg" in
    -c|--config) value="${1:-}"; shift || true ;;
    --config=*) value="${arg#--config=}" ;;
    *) PIPELINE_ARGS+=("$arg"); continue ;;
  esac
  if [[ "$value" != *://* ]]; then
    if [[ ! -f "$value" ]]; then
      echo "spark-submit.sh: config file $value does not exist" >&2
      exit 2
    fi
    if [[ "$DEPLOY_MODE" == cluster ]]; then
      if [[ "$MASTER" == spark://* ]]; then
        echo "spark-submit.sh: a standalone cluster-mode driver cannot read the local config $value; put it on a" \
             "file system the cluster shares and pass its URI (--config hdfs://...)" >&2
        exit 2
      fi
      FILES+=("$(cd "$(dirname "$value")" && pwd)/$(basename "$value")")
      value="$(basename "$value")"
    fi
  fi
  PIPELINE_ARGS+=(--config "$value")
done

EXECUTOR_HEAP="$(ssl_mib "${SSL_EXECUTOR_MEMORY:-2g}")"
EXECUTOR_OFFHEAP="$(ssl_mib "${SSL_EXECUTOR_OFFHEAP:-2g}")"
EXECUTOR_OVERHEAD=$(( EXECUTOR_OFFHEAP + 512 ))
DRIVER_HEAP="$(ssl_mib "${SSL_DRIVER_MEMORY:-2g}")"
DRIVER_OFFHEAP="$(ssl_mib "${SSL_DRIVER_OFFHEAP:-2g}")"
DRIVER_OVERHEAD=$(( DRIVER_OFFHEAP + 512 ))
nd4j_limits() { # heap MiB, off-heap MiB, overhead MiB
  echo "-Dorg.bytedeco.javacpp.maxbytes=$2m -Dorg.bytedeco.javacpp.maxphysicalbytes=$(( $1 + $3 ))m"
}
OPENS="${SSL_JAVA17_OPENS[*]}"
CACHE="${SSL_JAVACPP_CACHEDIR:+-Dorg.bytedeco.javacpp.cachedir=$SSL_JAVACPP_CACHEDIR}"
VERSION="-Dssl.code-version=$(ssl_code_version "$HOME_DIR")"
DRIVER_OPTS="$OPENS $(nd4j_limits "$DRIVER_HEAP" "$DRIVER_OFFHEAP" "$DRIVER_OVERHEAD") $CACHE $VERSION"
EXECUTOR_OPTS="$OPENS $(nd4j_limits "$EXECUTOR_HEAP" "$EXECUTOR_OFFHEAP" "$EXECUTOR_OVERHEAD") $CACHE"

CONF=(
  --conf "spark.driver.memory=${DRIVER_HEAP}m"
  --conf "spark.driver.memoryOverhead=${DRIVER_OVERHEAD}m"
  --conf "spark.driver.extraJavaOptions=$DRIVER_OPTS"
  --conf "spark.executor.memory=${EXECUTOR_HEAP}m"
  --conf "spark.executor.memoryOverhead=${EXECUTOR_OVERHEAD}m"
  --conf "spark.executor.extraJavaOptions=$EXECUTOR_OPTS"
  --conf "spark.yarn.am.extraJavaOptions=$OPENS"
  --conf "spark.serializer=org.apache.spark.serializer.KryoSerializer"
  --conf "spark.kryo.registrator=org.sslpipeline.training.spark.PipelineKryoRegistrator"
)
if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then
  SUBMIT=("$SPARK_HOME/bin/spark-submit")
elif command -v spark-submit >/dev/null 2>&1; then
  SUBMIT=(spark-submit)
else
  SPARK_CLASSPATH_FILE="$HOME_DIR/deploy/target/spark-classpath.txt"
  if [[ ! -f "$SPARK_CLASSPATH_FILE" ]]; then
    echo "spark-submit.sh: no spark-submit (set SPARK_HOME) and no $SPARK_CLASSPATH_FILE: build it with" \
         " mvn -DskipTests package" >&2
    exit 2
  fi
  # In client mode this JVM is the driver: it gets the driver's flags itself. Hadoop's and YARN's settings are
  # read from the classpath, as the distribution's spark-class puts HADOOP_CONF_DIR there.
  SUBMIT=(java -Xmx"${DRIVER_HEAP}m" ${DRIVER_OPTS}
          -cp "${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}$(cat "$SPARK_CLASSPATH_FILE")" org.apache.spark.deploy.SparkSubmit)
  # Without a distribution, YARN containers get Spark from these jars, uploaded with the application
  # (spark.yarn.jars=local:/path/* where the nodes have them installed saves the upload).
  if [[ "$MASTER" == yarn* ]]; then CONF+=(--conf "spark.yarn.jars=$(tr ':' ',' < "$SPARK_CLASSPATH_FILE")"); fi
fi

if [[ ${#FILES[@]} -gt 0 ]]; then CONF+=(--files "$(IFS=,; echo "${FILES[*]}")"); fi

echo "spark-submit.sh: executors ${EXECUTOR_HEAP}m heap + ${EXECUTOR_OVERHEAD}m overhead" \
     "(ND4J arrays up to ${EXECUTOR_OFFHEAP}m); driver ${DRIVER_HEAP}m + ${DRIVER_OVERHEAD}m" >&2
exec "${SUBMIT[@]}" "${CONF[@]}" --class org.sslpipeline.driver.SslPipeline "${SUBMIT_ARGS[@]}" "$JAR" "${PIPELINE_ARGS[@]}"
