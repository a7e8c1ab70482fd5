/** Where a command writes, and the environment it reads: the process's own, or a test's. */
export interface TextOut {
  write(text: string): unknown;
}

export interface CliIo {
  out: TextOut;
  err: TextOut;
  env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
  return { out: process.stdout, err: process.stderr, env: process.env };
}
