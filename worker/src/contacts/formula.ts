/**
 * Export cells that spreadsheets cannot run. A cell starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return is read as a formula by Excel, LibreOffice and Google Sheets (CSV
 * injection, https://owasp.org/www-community/attacks/CSV_Injection); a leading `'` makes it
 * text. Pure.
 */

const FORMULA_START = /^[=+\-@\t\r]/

/** The value with a leading `'` when a spreadsheet would read it as a formula. */
export const neutralizeFormula = (value: string): string =>
  FORMULA_START.test(value) ? `'${value}` : value

/**
 * One CSV cell: formula-neutralised, and quoted (RFC 4180) when it holds a `;`, a `,`, a quote,
 * a line break or leading/trailing spaces, so the file reads the same with either separator.
 * @example csvCell('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = neutralizeFormula(String(value))
  return /[;,"\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One CSV line of cells joined by `separator`, ending in CRLF. */
export const csvLine = (
  cells: (string | number | boolean | null | undefined)[],
  separator: ',' | ';' = ',',
): string => `${cells.map(csvCell).join(separator)}\r\n`
