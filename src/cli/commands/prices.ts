/**
 * `aihub prices export|import`: the operator's price rules as one document, the same shape as
 * GET/PUT /api/admin/prices (multipliers in parts per million, fixed prices in units of 1e-6 USD
 * per 1M tokens), so a file moves between the API, the console and the command line unchanged.
 */
import { stringify } from 'yaml';
import { z } from 'zod';
import { loadPriceRules, type PriceRules, priceRulesSchema, savePriceRules } from '../../billing/price-rules.js';
import { PPM } from '../../billing/price-types.js';
import { parseDocumentText } from '../cli-document.js';
import { readInput, writePrivateOutput } from '../cli-files.js';
import type { Command } from '../command-registry.js';
import { withOfflineServices } from '../offline-services.js';
import { type Column, printResult, renderTable } from '../output.js';

interface RuleLine {
  scope: string;
  target: string;
  multiplier: string;
  fixed: string;
}

/** One line per rule, for the table after an import. */
function ruleLines(rules: PriceRules): RuleLine[] {
  const percent = (ppm: number) => `${(ppm / (PPM / 100)).toFixed(2)}%`;
  const lines: RuleLine[] = [
    { scope: 'global', target: '*', multiplier: percent(rules.globalMultiplierPpm), fixed: '' },
  ];
  for (const [group, ppm] of Object.entries(rules.groups)) {
    lines.push({ scope: 'group', target: group, multiplier: percent(ppm), fixed: '' });
  }
  for (const [model, rule] of Object.entries(rules.models)) {
    lines.push({
      scope: 'model',
      target: model,
      multiplier: rule.multiplierPpm === undefined ? '' : percent(rule.multiplierPpm),
      fixed: rule.fixed ? Object.keys(rule.fixed).join(', ') : '',
    });
  }
  return lines;
}

const RULE_COLUMNS: Column<RuleLine>[] = [
  { header: 'SCOPE', value: (line) => line.scope },
  { header: 'TARGET', value: (line) => line.target },
  { header: 'MULTIPLIER', value: (line) => line.multiplier, align: 'right' },
  { header: 'FIXED PRICES', value: (line) => line.fixed },
];

const exportCommand: Command = {
  path: ['prices', 'export'],
  summary: 'Print the price rules as YAML (JSON with --json)',
  details:
    'globalMultiplierPpm: 300000 sells at 30% of the official price; groups and models may have\n' +
    'their own multipliers; a model’s fixed prices are units (1e-6 USD) per 1M tokens.',
  options: {
    output: { type: 'string', short: 'o', value: 'FILE', description: 'Write to FILE instead of stdout' },
  },
  async run(args, io) {
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const rules = await loadPriceRules(services.store);
      const text = args.json ? `${JSON.stringify(rules, null, 2)}\n` : stringify(rules);
      const output = args.string('output');
      if (output) {
        writePrivateOutput(output, text);
        io.err.write(`Wrote ${ruleLines(rules).length} rule(s) to ${output}.\n`);
      } else {
        io.out.write(text);
      }
      return 0;
    });
  },
};

const importCommand: Command = {
  path: ['prices', 'import'],
  summary: 'Replace the price rules with a YAML or JSON file (as `prices export` writes it)',
  details: 'Rules not in the file are removed. Running servers apply the new prices to the next request.',
  positionals: [{ name: 'FILE', description: 'The rules file, or - for standard input' }],
  async run(args, io) {
    const path = args.positional('FILE') ?? '';
    const parsed = priceRulesSchema.safeParse(parseDocumentText(readInput(path), path));
    if (!parsed.success)
      throw new Error(`${path} is not a valid price rules document:\n${z.prettifyError(parsed.error)}`);
    return withOfflineServices(args.configPath, io.env, async (services) => {
      await savePriceRules(services.store, parsed.data, services.now(), services.newId);
      // Read back what was stored, so what is printed is exactly what is in force.
      const stored = await loadPriceRules(services.store);
      await services.announce([{ kind: 'prices' }], io.err);
      printResult(
        io,
        args.json,
        stored,
        () => `Imported the price rules:\n\n${renderTable(ruleLines(stored), RULE_COLUMNS)}`,
      );
      return 0;
    });
  },
};

export const priceCommands: Command[] = [exportCommand, importCommand];
