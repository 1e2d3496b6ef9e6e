#!/bin/sh
# The systemd units of werkbrug-server as systemd reads them: "systemd-analyze verify"
# passes without a single warning (an unknown or misspelt key is only a warning to
# systemd), and the security check rates the server's exposure at most 2.0 and the
# backup's at most 1.0 (out of 10), and the server speaks Dutch. Usage: check-systemd-units.sh SERVER BACKUP TIMER
set -u

analyze=$(command -v systemd-analyze) || {
  echo "SKIP: systemd-analyze is not installed (Debian package systemd)"
  exit 77
}
server=$1 backup=$2 timer=$3
failed=0

output=$("$analyze" verify --man=no "$server" "$backup" "$timer" 2>&1)
status=$?
if [ "$status" -ne 0 ] || [ -n "$output" ]; then
  echo "systemd-analyze verify (exit $status):"
  echo "$output"
  failed=1
else
  echo "systemd-analyze verify: no warnings"
fi

check_exposure() {
  unit=$1 threshold=$2
  # The threshold counts in tenths: 20 is an exposure of 2.0.
  if ! report=$("$analyze" security --offline=yes --threshold="$threshold" "$unit" 2>&1); then
    echo "$report"
    echo "$(basename "$unit"): exposure above $threshold/10"
    failed=1
  else
    echo "$report" | tail -n 1
  fi
}
check_exposure "$server" 20
check_exposure "$backup" 10

# The server writes its texts (review reasons, explanations, problems) in the region's
# language: Dutch, with Dutch dates and numbers.
if grep -qx 'Environment=LANG=nl_NL.UTF-8' "$server"; then
  echo "$(basename "$server"): LANG=nl_NL.UTF-8"
else
  echo "$(basename "$server"): no Environment=LANG=nl_NL.UTF-8: the server would write English"
  failed=1
fi

exit "$failed"
