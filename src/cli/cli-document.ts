/** An imported YAML or JSON document (YAML reads JSON too), with the file's line in any syntax error. */
import { parse } from 'yaml';

export function parseDocumentText(text: string, source: string): unknown {
  try {
    return parse(text) ?? {};
  } catch (error) {
    throw new Error(`${source} is not valid YAML or JSON: ${(error as Error).message}`);
  }
}
