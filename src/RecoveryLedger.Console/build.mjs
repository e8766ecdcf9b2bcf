// Builds the console into the folder given as the first argument (the API's build passes obj/console/):
// index.html at the top, every other file under assets/<hash>/, where <hash> is taken over all of them.
// A changed file therefore gets a new address, so the API may let browsers cache assets/ for a year
// while index.html is revalidated on every load. Chart.js comes from node_modules (npm ci), never a CDN.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, 'dist'));
const app = join(here, 'app');

/** Every file to serve under assets/: the app's own (but index.html) and the vendored chart library. */
const assets = new Map();
const walk = (folder) => {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path !== join(app, 'index.html')) assets.set(relative(app, path).split('\\').join('/'), path);
  }
};
walk(app);
assets.set('vendor/chart.umd.min.js', join(here, 'node_modules/chart.js/dist/chart.umd.min.js'));
assets.set('vendor/chart.js-LICENSE.md', join(here, 'node_modules/chart.js/LICENSE.md'));

const hash = createHash('sha256');
for (const [name, path] of assets) hash.update(name).update('\0').update(readFileSync(path)).update('\0');
const folder = `assets/${hash.digest('hex').slice(0, 16)}`;

rmSync(out, { recursive: true, force: true });
for (const [name, path] of assets) {
  mkdirSync(dirname(join(out, folder, name)), { recursive: true });
  cpSync(path, join(out, folder, name));
}
const index = readFileSync(join(app, 'index.html'), 'utf8');
if (!index.includes('{{assets}}')) throw new Error('app/index.html names no {{assets}}');
writeFileSync(join(out, 'index.html'), index.replaceAll('{{assets}}', folder));
console.log(`console: ${assets.size} assets in ${relative(process.cwd(), join(out, folder))}`);
