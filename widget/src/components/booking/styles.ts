import { css } from 'lit'
import { formStyles } from '../form/styles'
import { primary, radius, spacing } from '../../styles/tokens'

/** The form's look (same tokens, inputs and buttons) plus the month grid and the slot list. */
export const bookingStyles = [
  formStyles,
  css`
    section {
      display: grid;
      gap: ${spacing};
    }
    h2,
    h3 {
      font-size: 1.1em;
      margin: 0;
    }
    .month {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .month h3 {
      flex: 1;
      text-align: center;
    }
    .zone {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      align-items: center;
    }
    .zone label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    .zone select {
      width: auto;
    }
    table {
      border-collapse: separate;
      border-spacing: 4px;
      width: 100%;
      table-layout: fixed;
    }
    th abbr {
      text-decoration: none;
      font-weight: 600;
      font-size: 0.85em;
    }
    td {
      text-align: center;
      padding: 8px 0;
      border-radius: ${radius};
      opacity: 0.45;
    }
    td.free {
      opacity: 1;
      cursor: pointer;
      font-weight: 600;
      color: ${primary};
      box-shadow: inset 0 0 0 1px currentColor;
    }
    td[aria-current='date'] {
      text-decoration: underline;
    }
    td[aria-selected='true'] {
      color: #fff;
      background: ${primary};
    }
    .slots {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .secondary,
    .link {
      color: ${primary};
      background: transparent;
      box-shadow: inset 0 0 0 1px currentColor;
    }
    .link {
      display: inline-block;
      font-weight: 600;
      text-decoration: none;
      padding: 8px 12px;
      border-radius: ${radius};
      margin: 0 8px 8px 0;
    }
    [aria-pressed='true'] {
      color: #fff;
      background: ${primary};
    }
    .review,
    .cancel {
      display: grid;
      gap: 8px;
    }
    dl {
      margin: 0;
      display: grid;
      gap: 2px;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0 0 6px;
    }
    .nav {
      display: flex;
      gap: 8px;
    }
    .opt {
      font-weight: 400;
      opacity: 0.8;
    }
    .error:empty,
    .status:empty {
      display: none;
    }
  `,
]
