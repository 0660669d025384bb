import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry { version?: string; resolved?: string; dev?: boolean; link?: boolean; [k: string]: unknown }
interface Lock { packages: Record<string, LockEntry> }

/**
 * A project (package.json + package-lock.json) in `dir` that depends on the packed tarball only,
 * locked to the versions of this repository's lockfile: `npm ci --offline` then installs it from
 * npm's cache alone (the tarballs `npm ci` fetched here), with no registry metadata to ask for.
 * The repository's lockfile omits registry URLs (omit-lockfile-registry-resolved); they are put back.
 */
export function writeOfflineProject(dir: string, root: string, tarball: string): void {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lock;
  const own = lock.packages['']!;
  const dependencies = { brief: `file:${tarball}` };
  const packages: Record<string, LockEntry> = {
    '': { name: 'brief-install-test', dependencies },
    'node_modules/brief': {
      version: own.version, resolved: `file:${tarball}`, license: own.license,
      dependencies: own.dependencies, bin: own.bin, engines: own.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path || entry.dev || entry.link) continue; // what the package needs at run time (optional ones included)
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    packages[path] = { ...entry, resolved: entry.resolved ?? `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz` };
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'brief-install-test', private: true, dependencies }, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify({ name: 'brief-install-test', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}
