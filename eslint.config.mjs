// ESLint flat config: type-aware rules that catch the bugs that matter in an
// Action (floating promises, non-exhaustive switches, `any` leaking through).
import tseslint from 'typescript-eslint'

/**
 * Layer rules (docs/architecture.md, "What may import what"). Every import
 * in src/ is a relative specifier, so a folder is matched by name after
 * any number of `../`. `node:child_process` is how anything runs a process.
 */
const folder = names => ({
  regex: `^(\\.\\./)+(${names.join('|')})(/|$)`,
  message: undefined
})
const layer = (files, names, why, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { ...folder(names), message: why },
          ...extra.map(e => ({ regex: e, message: why }))
        ]
      }
    ]
  }
})
const API = ['^@actions/', '^@octokit/']
const RUNS = ['^node:child_process$', '^child_process$']
const FRONT_ENDS = ['action', 'cli']

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
  layer(
    ['src/pprof/**/*.ts'],
    [
      'gobench',
      'github',
      'git',
      'engine',
      'report',
      'compare',
      'attribution',
      'bundle',
      ...FRONT_ENDS
    ],
    'the pprof decoder knows nothing of go test, GitHub or the stages above it',
    [...API, ...RUNS]
  ),
  layer(
    ['src/stats/**/*.ts', 'src/compare/**/*.ts'],
    ['report', 'github', 'git', 'engine', ...FRONT_ENDS],
    'statistics and verdicts know nothing of rendering, the API or the runners',
    [...API, ...RUNS]
  ),
  layer(
    ['src/report/**/*.ts'],
    ['github', 'git', 'engine', ...FRONT_ENDS],
    'rendering takes links as data and imports no API or runner code',
    [...API, ...RUNS]
  ),
  layer(
    ['src/github/**/*.ts'],
    ['gobench', 'git', 'engine', ...FRONT_ENDS],
    'the API layer runs nothing: no go, no git, no engine',
    RUNS
  ),
  layer(
    [
      'src/attribution/**/*.ts',
      'src/bundle/**/*.ts',
      'src/gobench/**/*.ts',
      'src/git/**/*.ts',
      'src/env/**/*.ts'
    ],
    ['github', 'engine', 'report', ...FRONT_ENDS],
    'the lower stages know nothing of the stages above them or of GitHub',
    API
  ),
  layer(
    ['src/engine/**/*.ts'],
    ['github', ...FRONT_ENDS],
    'the engine serves both front ends: no GitHub API, no Action or CLI code',
    API
  ),
  layer(
    ['src/cli/**/*.ts', 'src/cli.ts'],
    ['action', 'github'],
    'the CLI does not use the Action or the GitHub API',
    API
  ),
  layer(['src/action/**/*.ts'], ['cli'], 'the Action does not use the CLI'),
  layer(
    ['src/data/**/*.ts'],
    [
      'pprof',
      'stats',
      'compare',
      'report',
      'github',
      'git',
      'engine',
      'attribution',
      'bundle',
      'gobench',
      'env',
      'files',
      ...FRONT_ENDS
    ],
    'data/ is the bottom: tables and JSON for every stage, importing none of them',
    [...API, ...RUNS]
  )
)
