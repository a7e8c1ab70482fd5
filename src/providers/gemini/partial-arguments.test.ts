import { describe, expect, it } from 'vitest';
import { PartialArguments, parseJsonPath } from './partial-arguments.js';

describe('parseJsonPath', () => {
  it.each([
    ['$.location', ['location']],
    ['$.recipe.ingredients[0].amount', ['recipe', 'ingredients', 0, 'amount']],
    ["$['odd key'].x", ['odd key', 'x']],
    ['$', []],
  ])('%s', (path, expected) => {
    expect(parseJsonPath(path)).toEqual(expected);
  });

  it('rejects paths it cannot read', () => {
    expect(parseJsonPath('location')).toBeUndefined();
    expect(parseJsonPath('$..x')).toBeUndefined();
  });

  it('refuses paths into an object prototype, so no piece can pollute Object.prototype', () => {
    expect(parseJsonPath('$.__proto__.polluted')).toBeUndefined();
    expect(parseJsonPath("$.a['constructor'].prototype")).toBeUndefined();
    const args = new PartialArguments();
    args.apply([{ jsonPath: '$.__proto__.polluted', stringValue: 'yes' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(args.toJson()).toBe('{}');
  });
});

describe('PartialArguments', () => {
  it('appends string fragments and builds nested objects and arrays', () => {
    const args = new PartialArguments();
    args.apply([{ jsonPath: '$.recipe.steps[0]', stringValue: 'Cook ', willContinue: true }]);
    args.apply([{ jsonPath: '$.recipe.steps[0]', stringValue: 'pasta.' }]);
    args.apply([{ jsonPath: '$.recipe.steps[0]', stringValue: '' }]);
    args.apply([
      { jsonPath: '$.recipe.ingredients[0].price', numberValue: 0.5 },
      { jsonPath: '$.recipe.vegan', boolValue: false },
      { jsonPath: '$.recipe.note', nullValue: 'NULL_VALUE' },
      { jsonPath: 'bogus', stringValue: 'ignored' },
    ]);
    expect(JSON.parse(args.toJson())).toEqual({
      recipe: { steps: ['Cook pasta.'], ingredients: [{ price: 0.5 }], vegan: false, note: null },
    });
  });

  it('starts from arguments that came whole, without changing them', () => {
    const initial = { city: 'Par' };
    const args = new PartialArguments(initial);
    args.apply([{ jsonPath: '$.city', stringValue: 'is' }]);
    expect(args.toJson()).toBe('{"city":"Paris"}');
    expect(initial).toEqual({ city: 'Par' });
  });

  it('is an empty object before any piece arrives', () => {
    expect(new PartialArguments().toJson()).toBe('{}');
  });
});
