#!/usr/bin/env bash
# Runs a command against a real, throwaway Secret Service: a private D-Bus session
# with gnome-keyring-daemon's secrets component, unlocked, under a temporary HOME.
# Used by the vault tests (keytar) locally and in CI:
#   scripts/with-keyring.sh npx vitest run src-main/profiles
# Exits with the command's exit code.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: scripts/with-keyring.sh <command> [args...]" >&2
  exit 64
fi

# Phase 2: we are inside dbus-run-session (re-invoked below).
if [[ "${SWITCHBOARD_KEYRING_INNER:-}" == "1" ]]; then
  unset SWITCHBOARD_KEYRING_INNER
  # --unlock reads the password from stdin and creates the 'login' keyring on first use.
  # It prints the variables clients need (GNOME_KEYRING_CONTROL, maybe SSH_AUTH_SOCK).
  if ! keyring_env="$(printf 'switchboard-test' | gnome-keyring-daemon --unlock --components=secrets)"; then
    echo "with-keyring.sh: gnome-keyring-daemon did not start; there is no Secret Service to test against." >&2
    exit 70
  fi
  while IFS= read -r line; do
    if [[ "$line" == [A-Za-z_]*=* ]]; then export "${line?}"; fi
  done <<<"$keyring_env"
  # The daemon answers on the bus asynchronously; wait until the Secret Service name is owned.
  command -v dbus-send >/dev/null 2>&1 && for _ in $(seq 1 50); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
      break
    fi
    sleep 0.1
  done
  # No exec: dbus-run-session ends the bus (and the daemon) when this shell exits.
  status=0
  "$@" </dev/null || status=$?
  exit "$status"
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring.sh: '$tool' is not installed (apt-get install dbus gnome-keyring)." >&2
    exit 69
  fi
done

script_path="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
throwaway_home="$(mktemp -d "${TMPDIR:-/tmp}/switchboard-keyring.XXXXXX")"
cleanup() { rm -rf "$throwaway_home"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$throwaway_home"/{.config,.local/share,.cache,runtime}
chmod 700 "$throwaway_home/runtime"

status=0
env \
  HOME="$throwaway_home" \
  XDG_CONFIG_HOME="$throwaway_home/.config" \
  XDG_DATA_HOME="$throwaway_home/.local/share" \
  XDG_CACHE_HOME="$throwaway_home/.cache" \
  XDG_RUNTIME_DIR="$throwaway_home/runtime" \
  SWITCHBOARD_KEYRING_INNER=1 \
  dbus-run-session -- bash "$script_path" "$@" </dev/null || status=$?
exit "$status"
