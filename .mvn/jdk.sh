# Sourced by ./mvnw: when JAVA_HOME does not name a JDK 25 or newer, look for one under /usr/lib/jvm.
gatehouse_jdk_ok() {
  [ -x "$1/bin/java" ] || return 1
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1)
  [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null
}
if [ -z "${JAVA_HOME-}" ] || ! gatehouse_jdk_ok "$JAVA_HOME"; then
  set +f
  for gatehouse_candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if gatehouse_jdk_ok "$gatehouse_candidate"; then
      JAVA_HOME="$gatehouse_candidate"
      export JAVA_HOME
      break
    fi
  done
  set -f
fi
