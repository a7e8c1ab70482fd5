/** The run's closing line: answers by status class and the commonest statuses, and what the server logged. */
export function tallyLine(statuses: Map<number, number>, logs: Array<{ msg?: unknown }>): string {
  const byClass = new Map<string, number>();
  let total = 0;
  for (const [status, count] of statuses) {
    const name = `${Math.floor(status / 100)}xx`;
    byClass.set(name, (byClass.get(name) ?? 0) + count);
    total += count;
  }
  const classes = [...byClass].sort().map(([name, count]) => `${name} ${count}`);
  const common = [...statuses]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([status, count]) => `${status}×${count}`);
  const messages = new Map<string, number>();
  for (const record of logs) messages.set(String(record.msg), (messages.get(String(record.msg)) ?? 0) + 1);
  const logged = [...messages].map(([message, count]) => `"${message}"×${count}`).join(' ');
  return `${total} requests: ${classes.join(', ')} (${common.join(' ')}); server warnings: ${logged || 'none'}`;
}
