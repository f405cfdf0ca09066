#!/usr/bin/env bash
# Runs an ssl-pipeline command through spark-submit on a cluster (standalone, YARN or Kubernetes).
#   mvn -Pspark-provided -DskipTests package      # builds pipeline-driver/target/*-spark-submit.jar
#   deploy/spark-submit.sh --master spark://127.0.0.1:7077 -- train --config conf/cluster-standalone.conf
# Arguments before "--" go to spark-submit, the rest to ssl-pipeline. The pipeline's --set spark.master
# is ignored under spark-submit: the master comes from spark-submit's --master.
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$(ls "$HOME_DIR"/pipeline-driver/target/pipeline-driver-*-spark-submit.jar 2>/dev/null | head -1 || true)"
if [[ -z "$JAR" ]]; then
  echo "no spark-submit jar: build it with  mvn -Pspark-provided -DskipTests package" >&2
  exit 2
fi
SUBMIT_ARGS=()
while [[ $# -gt 0 && "$1" != "--" ]]; do SUBMIT_ARGS+=("$1"); shift; done
[[ $# -gt 0 ]] && shift
# Java 17 flags Spark's launcher adds for the driver; executors need them too.
OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"
ND4J="-Dorg.bytedeco.javacpp.maxbytes=${SSL_OFFHEAP:-6G} -Dorg.bytedeco.javacpp.maxphysicalbytes=${SSL_PHYSICAL:-12G}"
exec spark-submit \
  --class org.sslpipeline.driver.SslPipeline \
  --conf "spark.driver.extraJavaOptions=$OPENS $ND4J" \
  --conf "spark.executor.extraJavaOptions=$OPENS $ND4J" \
  "${SUBMIT_ARGS[@]}" "$JAR" "$@"
