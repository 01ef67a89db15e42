#!/usr/bin/env bash
# Installs everything the integration and e2e tests need on a fresh Debian 12
# machine (run as root): the FTP/FTPS/SFTP servers, reference clients and
# Chromium. Idempotent: a second run only re-checks.
#
# vsftpd, proftpd-core and pure-ftpd conflict in apt ("Conflicts: ftp-server"),
# so vsftpd is installed normally and the other two are downloaded and unpacked
# into $FERRY_SERVERS_DIR (default /opt/ferry-test-servers), where the test
# harness (main/engine/testing/servers) runs them from.
set -euo pipefail

DEST="${FERRY_SERVERS_DIR:-/opt/ferry-test-servers}"
export DEBIAN_FRONTEND=noninteractive
LOG="$(mktemp /tmp/ferry-install-deps.XXXXXX.log)"

fail() {
  echo "install-deps: $1 (log: $LOG)" >&2
  tail -n 40 "$LOG" >&2 || true
  exit 1
}

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: must run as root" >&2
  exit 1
fi

APT_PACKAGES=(
  vsftpd openssh-server openssh-client openssh-sftp-server openssl lftp curl
  chromium fonts-dejavu-core
  # runtime libraries of the unpacked proftpd / pure-ftpd binaries
  libhiredis0.14 libmemcached11 libmemcachedutil2 libpcre2-posix3 libsodium23
  libidn2-0 libwrap0 libcap2 libacl1
)
UNPACKED=(proftpd-core proftpd-mod-crypto pure-ftpd pure-ftpd-common)

# Package post-install scripts would try to start vsftpd on :21 and sshd on :22;
# a policy-rc.d that exits 101 forbids that. Only remove it if we wrote it.
POLICY=/usr/sbin/policy-rc.d
OWN_POLICY=0
WORK=""
cleanup() {
  if [ "$OWN_POLICY" = 1 ]; then rm -f "$POLICY"; fi
  if [ -n "$WORK" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$POLICY"
  chmod 755 "$POLICY"
  OWN_POLICY=1
fi

missing_apt() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      echo "$p"
    fi
  done
}

MISSING="$(missing_apt)"
if [ -n "$MISSING" ]; then
  apt-get update >>"$LOG" 2>&1 || fail "apt-get update failed"
  # shellcheck disable=SC2086
  apt-get install -y --no-install-recommends $MISSING >>"$LOG" 2>&1 \
    || fail "apt-get install failed"
  APT_NOTE="installed: $(echo $MISSING | tr '\n' ' ')"
else
  APT_NOTE="apt packages present"
fi

# The unpacked servers count as installed when both binaries start and mod_tls
# is there (proftpd's TLS module comes from proftpd-mod-crypto).
servers_ok() {
  [ -x "$DEST/usr/sbin/proftpd" ] && [ -x "$DEST/usr/sbin/pure-ftpd" ] \
    && [ -x "$DEST/usr/bin/pure-pw" ] && [ -f "$DEST/usr/lib/proftpd/mod_tls.so" ] \
    && [ -f "$DEST/usr/lib/proftpd/mod_sftp.so" ] \
    && "$DEST/usr/sbin/proftpd" -v >/dev/null 2>&1 \
    && "$DEST/usr/sbin/pure-ftpd" --help >/dev/null 2>&1
}

if servers_ok; then
  UNPACK_NOTE="proftpd/pure-ftpd already in $DEST"
else
  # apt-get download runs as the unprivileged _apt user: give it the folder.
  WORK="$(mktemp -d /tmp/ferry-debs.XXXXXX)"
  chown _apt "$WORK" 2>/dev/null || chmod 777 "$WORK"
  if ! (cd "$WORK" && apt-get download "${UNPACKED[@]}" >>"$LOG" 2>&1); then
    # The package lists may be missing or stale on a fresh machine.
    apt-get update >>"$LOG" 2>&1 || fail "apt-get update failed"
    (cd "$WORK" && apt-get download "${UNPACKED[@]}" >>"$LOG" 2>&1) \
      || fail "apt-get download ${UNPACKED[*]} failed"
  fi
  mkdir -p "$DEST"
  for deb in "$WORK"/*.deb; do
    dpkg-deb -x "$deb" "$DEST" >>"$LOG" 2>&1 || fail "dpkg-deb -x $deb failed"
  done
  servers_ok || fail "unpacked proftpd/pure-ftpd do not run"
  UNPACK_NOTE="unpacked ${UNPACKED[*]} into $DEST"
fi

# sshd refuses to start without its privilege-separation folder.
mkdir -p /run/sshd

rm -f "$LOG"
echo "install-deps: ok ($APT_NOTE; $UNPACK_NOTE)"
