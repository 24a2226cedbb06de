// Installs packages into a project of their own — a temporary folder outside this repository — as
// `npm install` would, but with no network: the versions are the ones this repository's package-lock.json
// holds, and npm takes their tarballs from its cache (which `npm ci` in this repository filled). Used by the
// packed-tarball test and `npm run bench:install`, so that both see what a user's `npm install` lays out,
// from loopback-only machines.
//
// The project's lockfile is the part of ours its dependencies reach: each package where npm placed it here
// (the same nesting is valid there), reached through `dependencies`, `optionalDependencies` and required
// peers, each given its registry address so that npm fetches it by integrity from the cache. A packed
// tarball of this package is added as a `file:` dependency.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface LockEntry {
  version?: string;
  integrity?: string;
  resolved?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

interface Lockfile {
  packages: Record<string, LockEntry>;
}

export interface PackedPackage {
  /** The .tgz `npm pack` wrote. */
  tarball: string;
  /** Its package.json. */
  manifest: LockEntry & { name: string; version: string };
}

export interface OfflineProject {
  /** The folder to install into (created by the caller, outside this repository). */
  dir: string;
  /** Packages of this repository's lockfile, by name (its top-level copies). */
  dependencies?: readonly string[];
  devDependencies?: readonly string[];
  /** Packed tarballs to install as `file:` dependencies. */
  tarballs?: readonly PackedPackage[];
}

/** The place npm finds `name` from a package at `from` (a lockfile key): its own node_modules, then up. */
function locate(packages: Lockfile['packages'], from: string, name: string): string | undefined {
  for (let at = from; ; ) {
    const candidate = `${at ? `${at}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (at === '') return undefined;
    const parent = at.lastIndexOf('/node_modules/');
    at = parent < 0 ? '' : at.slice(0, parent);
  }
}

/** What a package requires at install time: its dependencies, optional ones present, peers not optional. */
function requiredNames(entry: LockEntry): string[] {
  const optionalPeers = entry.peerDependenciesMeta ?? {};
  return [
    ...Object.keys(entry.dependencies ?? {}),
    ...Object.keys(entry.optionalDependencies ?? {}),
    ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeers[name]?.optional),
  ];
}

const registryAddress = (name: string, version: string) =>
  `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`;

/** Writes package.json and package-lock.json for the project, then runs `npm ci --offline` in it. */
export function installOffline(repoRoot: string, project: OfflineProject): void {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as Lockfile;
  const packages: Lockfile['packages'] = {};
  const reach = (from: string, names: readonly string[], optional: ReadonlySet<string> = new Set()) => {
    for (const name of names) {
      const key = locate(lock.packages, from, name);
      if (!key) {
        if (optional.has(name)) continue;
        throw new Error(`${name} (needed by ${from || 'the project'}) is not in package-lock.json`);
      }
      if (packages[key]) continue;
      const entry = lock.packages[key]!;
      const { dev: _dev, devOptional: _devOptional, peer: _peer, ...kept } = entry;
      const placed = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
      packages[key] = { ...kept, resolved: entry.resolved ?? registryAddress(placed, entry.version!) };
      reach(key, requiredNames(entry), new Set(Object.keys(entry.optionalDependencies ?? {})));
    }
  };
  const dependencies: Record<string, string> = {};
  const devDependencies: Record<string, string> = {};
  for (const name of project.dependencies ?? []) dependencies[name] = lock.packages[`node_modules/${name}`]!.version!;
  for (const name of project.devDependencies ?? [])
    devDependencies[name] = lock.packages[`node_modules/${name}`]!.version!;
  reach('', [...Object.keys(dependencies), ...Object.keys(devDependencies)]);
  for (const { tarball, manifest } of project.tarballs ?? []) {
    const file = `file:${path.relative(project.dir, tarball)}`;
    dependencies[manifest.name] = file;
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    const { name, version, license, bin, engines, peerDependencies, peerDependenciesMeta } = manifest;
    packages[`node_modules/${name}`] = {
      version,
      resolved: file,
      integrity,
      license,
      dependencies: manifest.dependencies,
      ...(bin !== undefined && { bin }),
      ...(engines !== undefined && { engines }),
      ...(peerDependencies !== undefined && { peerDependencies, peerDependenciesMeta }),
    };
    reach('', requiredNames(manifest));
  }
  // An ES module project, as a new one is today (`type: module`).
  const root = {
    name: 'hwc-offline-project',
    version: '1.0.0',
    private: true,
    type: 'module',
    dependencies,
    devDependencies,
  };
  writeFileSync(path.join(project.dir, 'package.json'), `${JSON.stringify(root, null, 2)}\n`);
  const { private: _private, type: _type, ...rootEntry } = root;
  const lockfile = {
    name: root.name,
    version: root.version,
    lockfileVersion: 3,
    requires: true,
    packages: { '': rootEntry, ...packages },
  };
  writeFileSync(path.join(project.dir, 'package-lock.json'), `${JSON.stringify(lockfile, null, 2)}\n`);
  execFileSync('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: project.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
}

/** `npm pack` of this repository into `dir` (with its prepack/prepare build unless told not to). */
export function packRepository(repoRoot: string, dir: string, options: { build?: boolean } = {}): PackedPackage {
  const args = ['pack', '--pack-destination', dir, '--json', '--loglevel=error'];
  if (options.build === false) args.push('--ignore-scripts');
  const output = execFileSync('npm', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [{ filename }] = JSON.parse(output.slice(output.indexOf('['))) as [{ filename: string }];
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as PackedPackage['manifest'];
  return { tarball: path.join(dir, filename), manifest };
}
