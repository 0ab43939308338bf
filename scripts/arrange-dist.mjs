// ncc names every bundle index.js. Move the two bundles to the paths that
// action.yml (dist/index.js) and package.json "bin" (dist/cli.js) name, and
// fail loudly if ncc ever emits files we do not ship, so dist/ never goes
// silently incomplete.
import {
  chmodSync,
  existsSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  readFileSync
} from 'node:fs'

const bundles = [
  ['dist/action', 'dist/index.js'],
  ['dist/cli-bundle', 'dist/cli.js']
]
const licenses = new Set()
for (const [dir, target] of bundles) {
  const files = readdirSync(dir)
  const unexpected = files.filter(f => !['index.js', 'package.json', 'licenses.txt'].includes(f))
  if (unexpected.length > 0) {
    console.error(
      `arrange-dist: ncc emitted files that dist/ does not ship from ${dir}: ${unexpected.join(', ')}`
    )
    process.exit(1)
  }
  renameSync(`${dir}/index.js`, target)
  if (existsSync(`${dir}/licenses.txt`)) licenses.add(readFileSync(`${dir}/licenses.txt`, 'utf8'))
  rmSync(dir, { recursive: true })
}
chmodSync('dist/cli.js', 0o755)
writeFileSync('dist/package.json', '{ "type": "module" }\n')
writeFileSync('dist/licenses.txt', [...licenses].join('\n'))
