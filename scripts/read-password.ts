// A password for a command-line script, never from argv (it would show in the terminal, in `ps`
// and in shell history): typed at a prompt without echo when stdin is a terminal, otherwise the
// first line of standard input (for scripts: `printf '%s\n' "$PW" | npm run admin:create -- …`).

let stdinLines: Promise<string[]> | undefined;

/** The lines of standard input (read once: a script may ask for more than one). */
function linesOfStdin(): Promise<string[]> {
  stdinLines ??= (async () => {
    let text = "";
    for await (const chunk of process.stdin) text += String(chunk);
    return text.split(/\r?\n/);
  })();
  return stdinLines;
}

async function firstLineOfStdin(): Promise<string> {
  return (await linesOfStdin())[0]!;
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003") return done(new Error("cancelled"));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

export async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const first = await promptHidden("Password (not shown): ");
  const again = await promptHidden("Repeat it: ");
  if (first !== again) throw new Error("the two passwords differ");
  return first;
}

/**
 * Another secret a script needs (a database URL with its password): at a prompt without echo, or
 * line `index` of standard input. Never from argv, for the same reasons as a password.
 */
export async function readSecretLine(question: string, index = 0): Promise<string> {
  if (!process.stdin.isTTY) return ((await linesOfStdin())[index] ?? "").trim();
  return (await promptHidden(question)).trim();
}
