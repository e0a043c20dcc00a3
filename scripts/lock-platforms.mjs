// The registry this project installs from lacks Next's macOS/Windows SWC binaries, so `npm install`
// leaves them out of package-lock.json and `npm ci` then refuses the lock. This adds the optional,
// platform-restricted entries back (npm ci skips them on Linux). Run after changing dependencies:
//   node scripts/lock-platforms.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const nextVersion = lock.packages['node_modules/next']?.version;
const optional = lock.packages['node_modules/next']?.optionalDependencies ?? {};
const platforms = { darwin: ['darwin'], win32: ['win32'], linux: ['linux'] };
let added = 0;
for (const [name, version] of Object.entries(optional)) {
  const key = `node_modules/${name}`;
  const m = /swc-(darwin|win32|linux)-(arm64|x64)/.exec(name);
  if (lock.packages[key] || !m) continue;
  lock.packages[key] = { version, cpu: [m[2]], license: 'MIT', optional: true, os: platforms[m[1]], engines: { node: '>= 10' } };
  added++;
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platforms: next ${nextVersion}, added ${added} platform entries`);
