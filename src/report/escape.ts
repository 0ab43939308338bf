/**
 * The one place untrusted text is made inert before it reaches Markdown
 * (docs/design.md D5). Benchmark names, function names, package paths, file
 * paths, branch names and environment strings come from pull requests.
 *
 * After escaping, a string cannot:
 * - end or add a table cell (`|`), start a code span (`` ` ``), emphasis,
 *   a link or an image (`[`, `]`, `*`, `_`, `~`), math (`$`); placed at
 *   the start of a line, start a list or turn the line above it into a
 *   heading (`-`, `+`, `=`, `1.`);
 * - make an HTML tag or comment (`<`, `>`, `&` become entities, so
 *   `<!--`, `-->` and `<img src=x>` show as text);
 * - mention or reference anyone (`@user`, `&#64;team`, `#123`): a
 *   zero-width space follows `@` and `#`, so GitHub sees no mention;
 * - autolink a URL (`://`, `www.` are broken the same way);
 * - hide or reorder text with control, bidi or other invisible format
 *   characters, or break the line: those are shown as visible `\uXXXX`
 *   escapes (newlines as `\n`).
 * The visible text is otherwise kept, so a reviewer reads the real name.
 */

import { maxOf } from '../data/index.js'

const ZWSP = '\u200b'

/** Code points that could move, hide or break text: C0/C1 controls, DEL, format (Cf), line/paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu

/**
 * ASCII punctuation with a Markdown meaning wherever it stands,
 * backslash-escaped (CommonMark §2.4): code, emphasis, links and
 * footnotes, headings and references, table cells, strikethrough, math,
 * emoji shortcodes. `(`, `)`, `.`, `-`, `+`, `=` and `!` mean nothing in
 * mid-line once `[` and `]` are escaped, so they stay as they are, and
 * the text stays readable (`BenchmarkX/n=64-8 +12.5% (p=0.002)`).
 */
const MARKDOWN_PUNCT = /[\\`*_[\]#|~$:]/g

/**
 * What makes a line's start mean something: a list item or thematic break
 * (`-`, `+`), a setext underline (`=`, `-` under a line), an ordered list
 * (`1.`, `1)`), or a `(` that would follow a `]` of ours as a link's URL.
 */
const LINE_START = /^( *)([-+=(]|\d{1,9}[.)])/

/**
 * Control, bidi and other invisible characters as visible escapes (`\n`,
 * `\u202e`), so untrusted text cannot hide, reorder or break lines. Also
 * what the CLI uses for terminal output.
 */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, c => {
    if (c === '\n') return '\\n'
    if (c === '\r') return '\\r'
    if (c === '\t') return ' '
    return `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`
  })
}

/**
 * Multi-line untrusted text for a terminal or a log (an error with the tail
 * of Go's output): line breaks and tabs stay, every other control, bidi or
 * invisible format character is shown as a visible escape, so nothing can
 * move the cursor, recolour, retitle the terminal or reorder the text.
 */
export function forTerminal(text: string): string {
  return String(text)
    .split('\n')
    .map(line => showInvisible(line.replace(/\r$/, '')))
    .join('\n')
}

/** At most maxLength code points, the last an ellipsis when cut. */
function cap(text: string, maxLength: number): string {
  const s = String(text)
  const chars = [...s]
  return chars.length > maxLength ? chars.slice(0, maxLength - 1).join('') + '…' : s
}

/** Shared first steps: cap the length, show invisible characters, HTML-escape. */
function neutralize(text: string, maxLength: number): string {
  return showInvisible(cap(text, maxLength))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/**
 * Mentions, team mentions and issue references (`#1`, `owner/repo#1`, and
 * `GH-1`, which GitHub links alike); URL autolinks.
 */
function unlink(s: string): string {
  return s
    .replace(/@/g, `@${ZWSP}`)
    .replace(/#/g, `#${ZWSP}`)
    .replace(/(gh)-/gi, `$1${ZWSP}-`)
    .replace(/:(\\?)\/\//g, `:${ZWSP}$1//`)
    .replace(/www(\\?)\./gi, m => `${m.slice(0, 3)}${ZWSP}${m.slice(3)}`)
}

/** Make untrusted text safe to place anywhere in a Markdown line or table cell. */
export function escapeText(text: string, maxLength = 300): string {
  return unlink(
    neutralize(text, maxLength)
      .replace(MARKDOWN_PUNCT, c => `\\${c}`)
      .replace(LINE_START, (_, sp: string, m: string) => `${sp}${m.slice(0, -1)}\\${m.slice(-1)}`)
  )
}

/**
 * Untrusted text as inline code in a table cell, which reads best for
 * identifiers (`pkg.(*T).Method`). It has escapeText's guarantees:
 * Markdown, HTML, entities, mentions and autolinks are not processed
 * inside a code span; its fence is longer than any backtick run inside,
 * padded with a space when the text starts or ends with a backtick or a
 * space; `|` is escaped, which GFM tables undo before the span is parsed;
 * invisible characters show as escapes. Empty text falls back to
 * escapeText (a code span cannot be empty).
 */
export function codeCell(text: string, maxLength = 300): string {
  return code(text, maxLength, true)
}

/** codeCell's guarantees outside a table (a list item, a sentence): `|` stays as it is. */
export function codeSpan(text: string, maxLength = 300): string {
  return code(text, maxLength, false)
}

function code(text: string, maxLength: number, inTable: boolean): string {
  const s = showInvisible(cap(text, maxLength))
  if (s.trim() === '') return escapeText(s, maxLength)
  const longest = maxOf(
    Array.from(s.matchAll(/`+/g), m => m[0].length),
    0
  )
  const fence = '`'.repeat(longest + 1)
  const pad = /^[` ]|[` ]$/.test(s) ? ' ' : ''
  return `${fence}${pad}${inTable ? s.replace(/\|/g, '\\|') : s}${pad}${fence}`
}

/**
 * Lines of which some parts are untrusted, as a fenced code block: inert,
 * since nothing inside a code block is Markdown or HTML; the fence is
 * longer than any backtick run inside, so no line can close it; each line
 * is capped, and invisible characters (line breaks among them) are shown.
 */
export function codeBlock(lines: readonly string[], maxLength = 300): string {
  const body = lines.map(l => showInvisible(cap(l, maxLength)))
  const longest = maxOf(
    body.flatMap(l => Array.from(l.matchAll(/`+/g), m => m[0].length)),
    0
  )
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}text\n${body.map(l => `${l}\n`).join('')}${fence}`
}

/**
 * The same guarantees inside raw HTML (`<summary>`), where GitHub does not
 * process Markdown, so backslash escapes would show: entities only.
 */
export function escapeHtmlText(text: string, maxLength = 300): string {
  // Entities are added after unlink, which must not split their `&#`.
  return unlink(neutralize(text, maxLength)).replace(/[`|$*_[\]]/g, c => `&#${c.charCodeAt(0)};`)
}

/**
 * Undo escapeText, for tests: what a reader sees after GitHub renders the
 * cell. Not used when rendering.
 */
export function visibleText(escaped: string): string {
  return escaped
    .replaceAll(ZWSP, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|~$:=])/g, '$1')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/**
 * A URL we built ourselves from trusted parts, with untrusted path segments
 * encoded: encodeURIComponent, and also `(`, `)`, `!`, `'` and `*`, which
 * it leaves as they are, so a segment cannot close a Markdown link's
 * destination early (`[L12](…/a(b#L12)`).
 */
export function safeUrl(base: string, ...segments: string[]): string {
  const encode = (seg: string): string =>
    encodeURIComponent(seg).replace(
      /[()!'*]/g,
      c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
    )
  return [base.replace(/\/+$/, ''), ...segments.map(s => s.split('/').map(encode).join('/'))].join(
    '/'
  )
}
