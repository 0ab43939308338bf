/**
 * compare/decls.ts against go/ast, on real Go code nobody here wrote:
 * every top-level function declaration of whole standard-library packages
 * (generics, methods on generic types, assembly stubs, raw strings full
 * of braces), with its pprof name and first and last line as the Go
 * parser gives them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { goDecls } from '../src/compare/decls.js'
import { run, tempDir } from './helpers/go.js'

/** Prints, for each file argument, its FuncDecls as pprof names them: key, start, end. */
const ORACLE = `package main

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
)

type decl struct {
	Key   string \`json:"key"\`
	Start int    \`json:"start"\`
	End   int    \`json:"end"\`
}

func typeKey(e ast.Expr) (string, bool) {
	switch t := e.(type) {
	case *ast.StarExpr:
		k, _ := typeKey(t.X)
		return "(*" + k + ")", true
	case *ast.IndexExpr:
		k, _ := typeKey(t.X)
		return k + "[...]", false
	case *ast.IndexListExpr:
		k, _ := typeKey(t.X)
		return k + "[...]", false
	case *ast.Ident:
		return t.Name, false
	case *ast.ParenExpr:
		return typeKey(t.X)
	}
	return "?", false
}

func main() {
	out := map[string][]decl{}
	for _, path := range os.Args[1:] {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			panic(err)
		}
		list := []decl{}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			key := fd.Name.Name
			if fd.Recv != nil && len(fd.Recv.List) > 0 {
				r, _ := typeKey(fd.Recv.List[0].Type)
				key = r + "." + key
			} else if fd.Type.TypeParams != nil && len(fd.Type.TypeParams.List) > 0 {
				key += "[...]"
			}
			list = append(list, decl{key, fset.Position(fd.Pos()).Line, fset.Position(fd.End()).Line})
		}
		out[path] = list
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
`

describe('Go function declarations, against go/ast', () => {
  it('agrees on every declaration of whole standard-library packages', async () => {
    const dir = tempDir('decls')
    writeFileSync(join(dir, 'main.go'), ORACLE)
    writeFileSync(join(dir, 'go.mod'), 'module oracle\n\ngo 1.22\n')
    const goroot = (await run('go', ['env', 'GOROOT'])).stdout.trim()
    const pkgs = [
      'sort',
      'slices',
      'maps',
      'strings',
      'encoding/json',
      'net/http',
      'go/parser',
      'math/big',
      'sync/atomic',
      'iter',
      'text/template',
      'runtime',
      'reflect',
      'crypto/sha256',
      'internal/bytealg'
    ]
    const files = pkgs.flatMap(p =>
      readdirSync(join(goroot, 'src', p))
        .filter(f => f.endsWith('.go'))
        .map(f => join(goroot, 'src', p, f))
    )
    const { stdout } = await run('go', ['run', '.', ...files], { cwd: dir })
    const want = JSON.parse(stdout) as Record<string, { key: string; start: number; end: number }[]>
    let total = 0
    for (const f of files) {
      expect(goDecls(readFileSync(f, 'utf8')), f).toEqual(want[f])
      total += want[f].length
    }
    // Enough declarations, generic ones and methods among them, to mean something.
    expect(total).toBeGreaterThan(3000)
    const keys = Object.values(want)
      .flat()
      .map(d => d.key)
    expect(keys.some(k => k.endsWith('[...]'))).toBe(true)
    expect(keys.some(k => /^\(\*\w+\[\.\.\.\]\)\./.test(k))).toBe(true)
  })
})
