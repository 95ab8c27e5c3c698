/**
 * The shell that runs the private `postgres` and stops it once no opsbot process uses it any more:
 * every half second it looks at the leases (`users/<pid>.<n>`, see leases.ts); when none belongs to
 * a live process it takes the folder's lock (the same `lock` file opsbot locks while it joins or
 * starts the server), looks again, and only then asks for a fast shutdown and waits for it. So a
 * SIGKILL of every opsbot process still stops the server within a second, and a command that is
 * just joining is never stopped under.
 *
 * Arguments: $1 the server's folder (`var/postgres`), $2 the socket folder (removed at the end),
 * then the command that runs postgres. postgres writes to `server.log` in the folder.
 */
export const WATCHDOG_SCRIPT = `
umask 077
root=$1; sock=$2; shift 2
cd "$root" || exit 1
"$@" >>server.log 2>&1 </dev/null &
pg=$!
exec 9>>lock
alive() {
  found=1
  for f in users/*; do
    [ -f "$f" ] || continue
    p=\${f##*/}; p=\${p%%.*}
    st=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f20)
    if [ -n "$st" ] && [ "$st" = "$(cat "$f" 2>/dev/null)" ]; then found=0; elif [ "$1" = prune ]; then rm -f "$f"; fi
  done
  return $found
}
trap 'kill -INT $pg 2>/dev/null' TERM INT HUP
while kill -0 $pg 2>/dev/null; do
  sleep 0.5
  alive && continue
  flock -x 9
  if ! alive prune; then kill -INT $pg 2>/dev/null; wait $pg; flock -u 9; break; fi
  flock -u 9
done
wait $pg 2>/dev/null
rm -rf "$sock"
`;
