# Sourced by the launcher scripts: the JVM flags every JVM of the pipeline needs.

# The --add-opens list Spark's own launcher adds on Java 17 (org.apache.spark.launcher.JavaModuleOptions).
SSL_JAVA17_OPENS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
)

# Recorded with each finished stage of a run folder, so a run resumed by another build says so: the last commit
# that changed code, "-dirty" when the code differs from it. docs/ and *.md do not count, so the results a
# benchmark writes, or a docs-only commit, do not make a new build.
ssl_code_version() {
  local home="$1" version
  local paths=(. ':(exclude)docs' ':(exclude)*.md')
  version="$(git -C "$home" log -1 --format=%h -- "${paths[@]}" 2>/dev/null || true)"
  if [[ -n "$version" ]] && ! git -C "$home" diff --quiet HEAD -- "${paths[@]}" 2>/dev/null; then
    version+="-dirty"
  fi
  echo "${version:-unknown}"
}

# A size such as 512m, 2g or 1536 (MiB) in MiB.
ssl_mib() {
  local size="${1,,}"
  case "$size" in
    *t) echo $(( ${size%t} * 1024 * 1024 )) ;;
    *g) echo $(( ${size%g} * 1024 )) ;;
    *m) echo "${size%m}" ;;
    *k) echo $(( ${size%k} / 1024 )) ;;
    *[!0-9]*|"") echo "not a size: $1 (use e.g. 512m or 2g)" >&2; return 2 ;;
    *) echo "$size" ;;
  esac
}
