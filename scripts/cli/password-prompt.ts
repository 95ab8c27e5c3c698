/**
 * Reads a password typed at the terminal without echoing it (raw mode: no character reaches the
 * screen), for `opsbot users add` without --password-file. Ctrl-C aborts the command; Backspace
 * works. Only for a TTY: piped input would be echoed by nobody but also checked by nobody.
 */
export function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.reject(new Error('not a terminal'));
  // Echo off before the question shows: whatever is typed after it never reaches the screen.
  input.setRawMode(true);
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (err?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(Object.assign(new Error('cancelled'), { exitCode: 130 }));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    input.resume();
    input.on('data', onData);
  });
}
