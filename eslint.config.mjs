// ESLint flat config: type-aware rules that catch the bugs that matter in an
// Action (floating promises, non-exhaustive switches, `any` leaking through).
import tseslint from 'typescript-eslint'

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
  }
)
