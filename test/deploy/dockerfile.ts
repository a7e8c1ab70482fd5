/**
 * A Dockerfile read into its stages and instructions, for the image-build emulator. It reads the
 * subset of the syntax a Dockerfile of ours uses (line continuations, comments, `--flag=value`
 * options, exec-form JSON arrays); anything else is rejected by the emulator, never guessed.
 */

export interface DockerInstruction {
  /** Upper-cased: FROM, RUN, COPY... */
  keyword: string;
  /** `--from=build` → { from: 'build' }. */
  flags: Record<string, string>;
  /** What follows the keyword and its flags, continuation lines joined with single spaces. */
  rest: string;
  /** 1-based line of the instruction's first line, for error messages. */
  line: number;
}

export interface DockerStage {
  /** `AS name`, or its index as a string when unnamed (Docker's `--from=0`). */
  name: string;
  image: string;
  instructions: DockerInstruction[];
}

/** Splits a Dockerfile into stages; instructions before the first FROM are rejected. */
export function parseDockerfile(text: string): DockerStage[] {
  const stages: DockerStage[] = [];
  for (const instruction of readInstructions(text)) {
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.rest);
      if (!match) throw new Error(`line ${instruction.line}: cannot read FROM ${instruction.rest}`);
      stages.push({ name: match[2] ?? String(stages.length), image: match[1]!, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`line ${instruction.line}: ${instruction.keyword} before the first FROM`);
    stage.instructions.push(instruction);
  }
  if (stages.length === 0) throw new Error('the Dockerfile has no FROM');
  return stages;
}

function readInstructions(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const first = lines[index]!.trim();
    if (first === '' || first.startsWith('#')) continue;
    const line = index + 1;
    let joined = first;
    // A trailing backslash continues the instruction; comment lines inside it are dropped.
    while (joined.endsWith('\\')) {
      joined = joined.slice(0, -1).trimEnd();
      index += 1;
      if (index >= lines.length) break;
      const next = lines[index]!.trim();
      if (next.startsWith('#')) {
        joined += ' \\';
        continue;
      }
      joined = `${joined} ${next}`.trim();
    }
    const match = /^(\S+)\s*(.*)$/s.exec(joined)!;
    let rest = match[2]!;
    const flags: Record<string, string> = {};
    for (let flag = /^--([a-z-]+)=(\S+)\s*/.exec(rest); flag; flag = /^--([a-z-]+)=(\S+)\s*/.exec(rest)) {
      flags[flag[1]!] = flag[2]!;
      rest = rest.slice(flag[0].length);
    }
    instructions.push({ keyword: match[1]!.toUpperCase(), flags, rest, line });
  }
  return instructions;
}

/** An exec-form array (`["node", "dist/cli.js"]`); the shell form is refused. */
export function execForm(instruction: DockerInstruction, text = instruction.rest): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`line ${instruction.line}: ${instruction.keyword} must use the exec form (a JSON array)`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((part) => typeof part === 'string')) {
    throw new Error(`line ${instruction.line}: ${instruction.keyword} must be a non-empty JSON array of strings`);
  }
  return parsed;
}

/** `ENV A=1 B=2` (and the legacy `ENV A 1`), values without quotes or spaces. */
export function envPairs(instruction: DockerInstruction): Array<[string, string]> {
  const words = instruction.rest.split(/\s+/).filter(Boolean);
  if (words.length === 2 && !words[0]!.includes('=')) return [[words[0]!, words[1]!]];
  return words.map((word) => {
    const equals = word.indexOf('=');
    if (equals <= 0 || /["']/.test(word)) {
      throw new Error(`line ${instruction.line}: cannot read ${instruction.keyword} ${word} (use NAME=value)`);
    }
    return [word.slice(0, equals), word.slice(equals + 1)];
  });
}
