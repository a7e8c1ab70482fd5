import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../ir/index.js';
import { clientToolKinds } from './client-run-tools.js';
import { decodeTools } from './decode-tools.js';
import { itemToolName, namespaceMembers, toolNamespaces } from './namespace-tools.js';

const crm = {
  type: 'namespace',
  name: 'crm',
  description: 'Customer records.',
  tools: [
    { type: 'function', name: 'find', description: 'Find a customer.', parameters: { type: 'object', properties: {} } },
    { type: 'custom', name: 'note' },
  ],
};

const request = (tools: unknown[]) => ({ model: 'm', messages: [], surfaceEcho: { tools } }) as unknown as ChatRequest;

describe('namespace tools', () => {
  it('become one tool per member, named <namespace>__<name>, the namespace described first', () => {
    const decoded = decodeTools([crm, { type: 'function', name: 'plain' }]);
    expect(decoded.tools?.map((tool) => tool.name)).toEqual(['crm__find', 'crm__note', 'plain']);
    expect(decoded.tools?.[0]?.description).toBe('Customer records.\n\nFind a customer.');
    expect(decoded.serverTools).toBeUndefined();
  });

  it('map joined names back to namespace and name, and know their custom members', () => {
    expect([...toolNamespaces(request([crm]))]).toEqual([
      ['crm__find', { namespace: 'crm', name: 'find' }],
      ['crm__note', { namespace: 'crm', name: 'note' }],
    ]);
    expect(clientToolKinds(request([crm])).get('crm__note')).toBe('custom');
    expect(toolNamespaces(request([{ type: 'function', name: 'crm__find' }])).size).toBe(0);
  });

  it('name history calls by their namespace when they carry one', () => {
    expect(itemToolName({ namespace: 'crm' }, 'find')).toBe('crm__find');
    expect(itemToolName({}, 'find')).toBe('find');
    expect(itemToolName({ namespace: '' }, 'find')).toBe('find');
  });

  it('refuse a namespace without members, or with a member that is not a function or custom tool', () => {
    expect(() => namespaceMembers({ type: 'namespace', name: 'x', tools: [] }, 'tools[0]')).toThrow();
    expect(() =>
      namespaceMembers({ type: 'namespace', name: 'x', tools: [{ type: 'web_search', name: 'w' }] }, 'tools[0]'),
    ).toThrow();
    expect(() =>
      namespaceMembers({ type: 'namespace', tools: [{ type: 'function', name: 'f' }] }, 'tools[0]'),
    ).toThrow();
  });
});
