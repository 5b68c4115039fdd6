/** A chart's numbers as a real table (caption, column and row headers), behind a disclosure. */
import { css, html } from 'lit'
import type { TableData } from './types'

export const tableStyles = css`
  details {
    margin: 4px 0 16px;
  }
  summary {
    cursor: pointer;
    color: #1f5fbf;
    padding: 2px 0;
  }
  table {
    border-collapse: collapse;
    margin-top: 6px;
    font-size: 0.9rem;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding-bottom: 4px;
  }
  th,
  td {
    border-bottom: 1px solid #cfd6de;
    padding: 4px 10px;
    text-align: right;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: left;
  }
`

/** `summary` is the disclosure's words ("Numbers as a table"). */
export function dataTable(table: TableData, summary: string) {
  const [first, ...rest] = table.head
  return html`<details>
    <summary>${summary}</summary>
    <table>
      <caption>
        ${table.caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${first}</th>
          ${rest.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${table.rows.map(
          (row) =>
            html`<tr>
              <th scope="row">${row.head}</th>
              ${row.cells.map((c) => html`<td>${c}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`
}
