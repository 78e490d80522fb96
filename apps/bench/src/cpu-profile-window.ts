/**
 * Where the API's main thread spent one measured run of the http bench: reads the `.cpuprofile` files that
 * `--http-cpu-prof <dir>` leaves, keeps only the samples inside the window the bench recorded for that run
 * (measured-windows.jsonl: start-up, registration and warm-ups are left out), and prints self and inclusive time by
 * function and by package.
 *
 *   node dist/apps/bench/src/cpu-profile-window.js <dir> [--scenario fresh] [--connections 16] [--top 40]
 *
 * Self time of a package: samples whose innermost frame with a source file is in it (so a native or built-in call,
 * JSON.stringify, a statement's `run`, counts for the package that made it). Inclusive: samples with the package
 * anywhere on the stack, counted once. The repository's own code is grouped by folder (libs/event-store/sqlite …).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}
interface MeasuredWindow {
  scenario: string;
  connections: number;
  pid: number;
  commands: number;
  startMicros: number;
  endMicros: number;
}

/** V8's pseudo-frames: not code of any package. */
const PSEUDO_FRAMES = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

const NODE = 'node (internals)';

/** The package (or the repository's folder, or Node itself) a source file belongs to. */
export function packageOf(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + '/node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  if (url.startsWith('node:')) return NODE;
  const repo = /\/dist\/((?:apps|libs)\/[^/]+)\/src\/(?:([^/]+)\/)?/.exec(url);
  if (repo) return repo[2] ? `${repo[1]}/${repo[2]}` : repo[1];
  return url === '' ? '(native)' : url;
}

const frameLabel = (frame: CallFrame) =>
  PSEUDO_FRAMES.has(frame.functionName)
    ? frame.functionName
    : `${frame.functionName || '(anonymous)'} ${frame.url ? `${shortFile(frame.url)}:${frame.lineNumber + 1}` : '(native)'}`;

function shortFile(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + '/dist/'.length) : url;
}

export interface WindowProfile {
  samples: number;
  idle: number;
  busy: number;
  sampleMicros: number;
  selfByFunction: Map<string, number>;
  inclusiveByFunction: Map<string, number>;
  selfByPackage: Map<string, number>;
  /** As selfByPackage, but Node's own code (sockets, streams, events, timers) is charged to the package that called it. */
  selfByCallingPackage: Map<string, number>;
  inclusiveByPackage: Map<string, number>;
}

const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/** Counts the samples of `profile` taken between `startMicros` and `endMicros` (V8's monotonic clock). */
export function profileWindow(profile: CpuProfile, startMicros: number, endMicros: number): WindowProfile {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const result: WindowProfile = {
    samples: 0,
    idle: 0,
    busy: 0,
    sampleMicros: 0,
    selfByFunction: new Map(),
    inclusiveByFunction: new Map(),
    selfByPackage: new Map(),
    selfByCallingPackage: new Map(),
    inclusiveByPackage: new Map(),
  };
  let timestamp = profile.startTime;
  for (let index = 0; index < profile.samples.length; index += 1) {
    timestamp += profile.timeDeltas[index];
    if (timestamp < startMicros || timestamp > endMicros) continue;
    result.samples += 1;
    const leaf = byId.get(profile.samples[index]);
    if (!leaf) continue;
    if (leaf.callFrame.functionName === '(idle)') {
      result.idle += 1;
      continue;
    }
    result.busy += 1;
    countStack(result, leaf, byId, parentOf);
  }
  result.sampleMicros = result.samples > 0 ? (endMicros - startMicros) / result.samples : 0;
  return result;
}

function countStack(
  result: WindowProfile,
  leaf: ProfileNode,
  byId: Map<number, ProfileNode>,
  parentOf: Map<number, number>,
): void {
  bump(result.selfByFunction, frameLabel(leaf.callFrame));
  const functions = new Set<string>();
  const packages = new Set<string>();
  let selfPackage: string | undefined = PSEUDO_FRAMES.has(leaf.callFrame.functionName)
    ? leaf.callFrame.functionName
    : undefined;
  let callingPackage: string | undefined = selfPackage;
  for (let node: ProfileNode | undefined = leaf; node; node = byId.get(parentOf.get(node.id) ?? -1)) {
    const frame = node.callFrame;
    if (PSEUDO_FRAMES.has(frame.functionName)) continue;
    functions.add(frameLabel(frame));
    if (!frame.url) continue;
    const owner = packageOf(frame.url);
    packages.add(owner);
    selfPackage ??= owner;
    if (owner !== NODE) callingPackage ??= owner;
  }
  bump(result.selfByPackage, selfPackage ?? '(native, no caller with a source)');
  bump(result.selfByCallingPackage, callingPackage ?? selfPackage ?? '(native, no caller with a source)');
  for (const label of functions) bump(result.inclusiveByFunction, label);
  for (const owner of packages) bump(result.inclusiveByPackage, owner);
}

function table(
  title: string,
  counts: Map<string, number>,
  view: WindowProfile,
  top: number,
  perCommand: (count: number) => string,
): string[] {
  const rows = [...counts.entries()].sort((left, right) => right[1] - left[1]).slice(0, top);
  const lines = ['', `### ${title}`, '', '| % of busy | ms per command* | what |', '|---:|---:|---|'];
  for (const [label, count] of rows)
    lines.push(
      `| ${((100 * count) / view.busy).toFixed(1)} | ${perCommand(count)} | ${label.replaceAll('|', '\\|')} |`,
    );
  return lines;
}

function main(): void {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir) throw new Error('usage: cpu-profile-window <profile dir> [--scenario fresh] [--connections 16] [--top 40]');
  const option = (name: string, fallback: string) => {
    const at = rest.indexOf(`--${name}`);
    return at >= 0 ? rest[at + 1] : fallback;
  };
  const scenario = option('scenario', 'fresh');
  const connections = Number(option('connections', '16'));
  const top = Number(option('top', '40'));
  const windows = readFileSync(join(dir, 'measured-windows.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as MeasuredWindow);
  const window = windows.find((each) => each.scenario === scenario && each.connections === connections);
  if (!window) throw new Error(`no measured window for ${scenario} at ${connections} connection(s) in ${dir}`);
  const files = readdirSync(dir).filter((name) => name.includes(`.${window.pid}.`) && name.endsWith('.cpuprofile'));
  const windowMs = (window.endMicros - window.startMicros) / 1000;
  const commands = window.commands;
  console.log(
    `# ${scenario}, ${connections} connection(s): a window of ${windowMs.toFixed(0)} ms, API pid ${window.pid}`,
  );
  for (const file of files.sort()) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const view = profileWindow(profile, window.startMicros, window.endMicros);
    const thread = file.split('.').at(-3);
    const busyMs = (view.busy * view.sampleMicros) / 1000;
    console.log('');
    console.log(
      `## thread ${thread} (${file}): ${view.samples} samples, busy ${((100 * view.busy) / Math.max(1, view.samples)).toFixed(1)} % ` +
        `(${busyMs.toFixed(0)} ms, ${(busyMs / commands).toFixed(3)} ms per command over ${commands})`,
    );
    if (view.busy === 0) continue;
    // ms per command: each sample stands for sampleMicros of the window
    const perCommand = (count: number) => ((count * view.sampleMicros) / 1000 / commands).toFixed(3);
    const sections = [
      ...table('self time by package', view.selfByPackage, view, top, perCommand),
      ...table(
        "self time by package, Node's internals charged to the package that called them",
        view.selfByCallingPackage,
        view,
        top,
        perCommand,
      ),
      ...table('inclusive time by package', view.inclusiveByPackage, view, top, perCommand),
      ...table('self time by function', view.selfByFunction, view, top, perCommand),
      ...table('inclusive time by function', view.inclusiveByFunction, view, top, perCommand),
    ];
    for (const line of sections) console.log(line);
  }
  console.log('');
  console.log("* ms per command: samples × the sampling interval ÷ the window's 2xx answers");
}

if (require.main === module) main();
