/**
 * Weighted random order without replacement: the first item is item i with probability
 * weight_i / total, the second is drawn the same way from the rest, and so on. Items of weight 0
 * (drained) come last, in random order. `random` returns [0, 1), like Math.random; one call per
 * position drawn, so a seeded generator gives a repeatable order.
 */
export function weightedOrder<T>(items: readonly T[], weightOf: (item: T) => number, random: () => number): T[] {
  if (items.length <= 1) return [...items];
  const weighted: Array<{ item: T; weight: number }> = [];
  const drained: T[] = [];
  for (const item of items) {
    const weight = weightOf(item);
    if (weight > 0 && Number.isFinite(weight)) weighted.push({ item, weight });
    else drained.push(item);
  }
  const ordered: T[] = [];
  let total = weighted.reduce((sum, entry) => sum + entry.weight, 0);
  while (weighted.length > 1) {
    let point = random() * total;
    let index = 0;
    while (index < weighted.length - 1 && point >= (weighted[index] as { weight: number }).weight) {
      point -= (weighted[index] as { weight: number }).weight;
      index++;
    }
    const [picked] = weighted.splice(index, 1) as [{ item: T; weight: number }];
    ordered.push(picked.item);
    total -= picked.weight;
  }
  if (weighted[0]) ordered.push(weighted[0].item);
  return [...ordered, ...shuffle(drained, random)];
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
