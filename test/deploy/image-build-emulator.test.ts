/**
 * The image-build emulator on small Dockerfiles: it copies what Docker would copy, and fails
 * where Docker fails (a missing or ignored source, an unknown stage) or where it cannot be
 * faithful (an instruction or command it does not know).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDockerfile } from './dockerfile.js';
import { parseDockerignore } from './dockerignore.js';
import { emulateImageBuild, hostPath } from './image-build-emulator.js';

let directory: string;
let context: string;

beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'aihub-emulator-'));
  context = path.join(directory, 'context');
  mkdirSync(path.join(context, 'src/nested'), { recursive: true });
  writeFileSync(path.join(context, 'package.json'), JSON.stringify({ name: 'tiny', scripts: {} }));
  writeFileSync(path.join(context, 'package-lock.json'), '{"lockfileVersion":3}');
  writeFileSync(path.join(context, 'src/app.js'), 'app');
  writeFileSync(path.join(context, 'src/app.test.js'), 'test');
  writeFileSync(path.join(context, 'src/nested/deep.js'), 'deep');
  writeFileSync(path.join(context, '.env'), 'SECRET=1');
  writeFileSync(path.join(context, '.dockerignore'), '*\n!package.json\n!package-lock.json\n!src\n**/*.test.js\n');
  mkdirSync(path.join(context, 'node_modules'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

let builds = 0;
function build(dockerfileText: string) {
  builds += 1;
  return emulateImageBuild({ context, dockerfileText, workspace: path.join(directory, `stages-${builds}`) });
}

describe('the image-build emulator', () => {
  it('copies from the context under .dockerignore and between stages, and records the image settings', async () => {
    const image = await build(
      [
        'FROM node:20-slim AS first',
        'WORKDIR /app',
        'COPY package.json package-lock.json ./',
        'COPY src ./src',
        'RUN mkdir -p /app/out',
        '',
        'FROM node:20-slim',
        'ENV NODE_ENV=production \\',
        '    PORT=3000',
        'WORKDIR /srv',
        'COPY --from=first /app/src ./code',
        'COPY --from=first /app/package.json ./',
        'RUN apt-get update && chown node:node /srv',
        'USER node',
        'EXPOSE 3000',
        'VOLUME ["/data"]',
        'HEALTHCHECK --interval=5s CMD ["node", "-e", "1"]',
        'CMD ["node", "code/app.js"]',
      ].join('\n'),
    );
    const read = (file: string) => readFileSync(hostPath(image.root, image.workdir, file), 'utf8');
    expect(read('code/app.js')).toBe('app');
    expect(read('code/nested/deep.js')).toBe('deep');
    expect(read('package.json')).toContain('tiny');
    expect(() => read('code/app.test.js')).toThrow();
    expect(image).toMatchObject({
      workdir: '/srv',
      env: { NODE_ENV: 'production', PORT: '3000' },
      user: 'node',
      exposedPorts: [3000],
      volumes: ['/data'],
      healthcheck: ['node', '-e', '1'],
      cmd: ['node', 'code/app.js'],
      systemCommands: ['apt-get update', 'chown node:node /srv'],
    });
  });

  it.each([
    ['a source that does not exist', 'COPY missing.txt ./', /COPY missing\.txt: not found in the build context/],
    ['a source .dockerignore leaves out', 'COPY .env ./', /COPY \.env: not found in the build context/],
    ['a stage that was never built', 'COPY --from=nowhere /app ./', /no earlier stage has that name/],
    [
      'a path missing from the earlier stage',
      'FROM node:20-slim\nCOPY --from=0 /app/dist ./',
      /not found in that stage/,
    ],
    ['a command it cannot run', 'RUN curl https://example.com', /does not know how to run 'curl/],
    ['shell syntax', 'RUN npm ci || true', /shell syntax/],
    ['an instruction it does not know', 'ARG VERSION=1', /does not know ARG/],
    ['the shell form of CMD', 'CMD node app.js', /exec form/],
  ])('fails on %s', async (_, line, message) => {
    await expect(build(`FROM node:20-slim\nWORKDIR /app\n${line}\n`)).rejects.toThrow(message);
  });

  it('stands in for the development npm ci only with the context’s own lockfile', async () => {
    const image = await build('FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\n');
    expect(image.npmCommands).toEqual(["0: npm ci (linked the context's node_modules)"]);
    // Without the lockfile in the stage there is nothing to check the stand-in against.
    await expect(build('FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\n')).rejects.toThrow(
      /without a package-lock\.json/,
    );
  });

  it('runs the npm scripts of the copied package for real', async () => {
    writeFileSync(
      path.join(context, 'package.json'),
      JSON.stringify({ name: 'tiny', scripts: { build: "node -e \"require('fs').writeFileSync('built', 'yes')\"" } }),
    );
    const image = await build('FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm run build\n');
    expect(readFileSync(hostPath(image.root, image.workdir, 'built'), 'utf8')).toBe('yes');
    expect(image.npmCommands).toEqual(['0: npm run build']);
  });
});

describe('parseDockerfile', () => {
  it('names unnamed stages by index and joins continuation lines, skipping comments inside them', () => {
    const stages = parseDockerfile('FROM a AS one\nRUN x \\\n# note\n  && y\nFROM b\nCMD ["z"]\n');
    expect(stages.map((stage) => [stage.name, stage.image])).toEqual([
      ['one', 'a'],
      ['1', 'b'],
    ]);
    expect(stages[0]!.instructions[0]).toMatchObject({ keyword: 'RUN', rest: 'x && y', line: 2 });
  });
});

describe('parseDockerignore', () => {
  it('reads an allow-list: everything out, named paths back in, patterns below re-excluding', () => {
    const ignored = parseDockerignore('# comment\n*\n!src\n!package.json\n**/*.test.ts\n/dist/\n');
    expect(ignored('.env')).toBe(true);
    expect(ignored('node_modules/x/index.js')).toBe(true);
    expect(ignored('package.json')).toBe(false);
    expect(ignored('src/a/b.ts')).toBe(false);
    expect(ignored('src/a/b.test.ts')).toBe(true);
    expect(ignored('dist/cli.js')).toBe(true);
  });
});
