// ESLint flat config: type-aware rules that catch the bugs that matter in an
// Action (floating promises, non-exhaustive switches, `any` leaking through).
import { readdirSync } from 'node:fs'
import tseslint from 'typescript-eslint'

/**
 * Layer rules (docs/architecture.md, "What may import what"), generated
 * from one ranked list of the folders under src/, lowest first. A folder
 * may import only folders ranked below it; folders of one rank may not
 * import each other (the two front ends share the top rank). Every import
 * in src/ is a relative specifier, so a folder is matched by name after
 * any number of `../` (or `./` from src/cli.ts and src/index.ts).
 */
const RANKS = [
  ['data', 'stats', 'env', 'files'],
  ['pprof', 'git'],
  ['gobench', 'attribution'],
  ['bundle'],
  ['compare', 'shard'],
  ['report', 'measure'],
  ['judge', 'ab', 'flame', 'github', 'history'],
  ['engine'],
  ['action', 'cli']
]
/** The only folders that may talk to the GitHub API, and the only ones that start processes. */
const API_FOLDERS = new Set(['github', 'action'])
const PROCESS_FOLDERS = new Set(['gobench', 'git'])
const API = ['^@actions/', '^@octokit/']
const RUNS = ['^node:child_process$', '^child_process$']

const ranked = RANKS.flat()
const present = readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter(d => d.isDirectory())
  .map(d => d.name)
const unranked = present.filter(d => !ranked.includes(d))
if (unranked.length > 0)
  throw new Error(
    `eslint.config.mjs: src/${unranked.join(', src/')} is in no rank of RANKS; give every folder a rank`
  )

const layers = RANKS.flatMap((names, rank) =>
  names.map(name => {
    const above = RANKS.slice(rank)
      .flat()
      .filter(other => other !== name)
    const why = `src/${name} (rank ${rank}) may import only folders ranked below it: not ${above.join(', ')}`
    const extra = [
      ...(API_FOLDERS.has(name)
        ? []
        : API.map(regex => ({ regex, message: `src/${name} does not talk to the GitHub API` }))),
      ...(PROCESS_FOLDERS.has(name)
        ? []
        : RUNS.map(regex => ({
            regex,
            message: `src/${name} starts no process: only gobench/ and git/ do`
          })))
    ]
    const files = [`src/${name}/**/*.ts`]
    // The entry points belong to their front end.
    if (name === 'cli') files.push('src/cli.ts')
    if (name === 'action') files.push('src/index.ts')
    return {
      files,
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              { regex: `^(\\.\\./|\\./)+(${above.join('|')})(/|$)`, message: why },
              ...extra
            ]
          }
        ]
      }
    }
  })
)

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'bench/protobufjs/**',
      'bench/results/**',
      'build/**',
      'coverage/**',
      'fixtures/**'
    ]
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error'
    }
  },
  {
    // The CLI and bench scripts own the process's stdout/stderr.
    files: ['src/cli.ts', 'src/cli/**/*.ts', 'bench/**/*.ts', 'bench/**/*.mjs', 'scripts/**/*.mjs'],
    rules: { 'no-console': 'off' }
  },
  ...layers
)
