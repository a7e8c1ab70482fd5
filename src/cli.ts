#!/usr/bin/env node
import { createApp } from './app.js';

const USAGE = `Usage: aihub <command> [options]

Commands:
  serve [--config FILE]   Start the gateway (default). Listens on HOST:PORT (127.0.0.1:3000).
  help                    Show this help.

Environment: PORT, HOST, AIHUB_ADMIN_KEY, AIHUB_CONFIG, OPENAI_API_KEY, ANTHROPIC_API_KEY,
GEMINI_API_KEY, DEEPSEEK_API_KEY, ... (see README).`;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index >= 0) return args[index + 1];
  const inline = args.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

async function serve(args: string[]): Promise<void> {
  const app = createApp({ env: process.env, configPath: option(args, '--config') });
  const { settings, server } = app;
  await server.listen({ host: settings.host, port: settings.port });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  process.stdout.write(`AIHub listening on http://${settings.host}:${port}\n`);
  if (app.generatedAdminKey) {
    process.stdout.write(
      `\nNo AIHUB_ADMIN_KEY was set, so one was generated. It is shown only this once:\n\n  ${app.generatedAdminKey}\n\n`,
    );
  }
  const shutdown = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function main(): Promise<void> {
  const [command = 'serve', ...args] = process.argv.slice(2);
  switch (command) {
    case 'serve':
      await serve(args);
      break;
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      break;
    default:
      process.stderr.write(`Unknown command '${command}'.\n\n${USAGE}\n`);
      process.exit(2);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`aihub: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
