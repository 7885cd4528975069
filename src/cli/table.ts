/** Plain aligned text columns for terminal output (the --json form is the machine-readable one). */
export function table(rows: Record<string, unknown>[], columns?: string[]): string {
  if (rows.length === 0) return '(none)'
  const cols = columns ?? Object.keys(rows[0])
  const cells = rows.map((r) => cols.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))))
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)))
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd()
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')
}
