/**
 * The V8 flags an AIHub server process runs best with: the Docker image starts with them, the
 * primary of `aihub serve --workers N` gives them to its workers, and the benchmark measures with
 * them (so it measures what is shipped).
 *
 * `--max-semi-space-size=64` (MB; Node 20's default is 16): under load a gateway holds many
 * requests' objects at once, so each young-generation collection copies a large live set; with
 * the default, 200 concurrent requests spent ~2 s of every 12 in scavenges averaging ~30 ms, a
 * global stall each (all in-flight requests wait: the p99 tail at c=200). With 64 MB, scavenges
 * ran a third as often and minor GC took 0.54–0.66 s against 1.8–2.0 s, throughput +7 to +52%
 * and p99 lower in 2 of 3 alternated pairs on the loaded 2-core development machine (issue 17).
 * The price is memory: the young generation grows to its size under load and stays there for a
 * while; with 1,000 open streams RSS was 300 MB against 221 MB (32 MB semi-spaces: 246 MB).
 * Set NODE_OPTIONS=--max-semi-space-size=16 (Node's default) or lower where memory matters more.
 */
export const RECOMMENDED_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/** The recommended flags the process was not started with (by command line or NODE_OPTIONS). */
export function missingNodeFlags(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].map(flagName);
  return RECOMMENDED_NODE_FLAGS.filter((flag) => !given.includes(flagName(flag)));
}

/** `--max-semi-space-size=64` → `--max-semi-space-size` (V8 accepts `_` for `-` too). */
function flagName(flag: string): string {
  return flag.split('=')[0]!.replaceAll('_', '-');
}
