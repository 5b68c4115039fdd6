/** The console's look: system fonts, visible focus, no inline styles (the CSP has no 'unsafe-inline'). */
import { css } from 'lit'

export const base = css`
  :host {
    display: block;
    font-family: var(--leadline-font-family, system-ui, sans-serif);
    color: #1b1f24;
  }
  :host([hidden]) {
    display: none;
  }
  button,
  input,
  textarea,
  select {
    font: inherit;
  }
  button {
    border: 1px solid #1f5fbf;
    background: #1f5fbf;
    color: #fff;
    border-radius: 6px;
    padding: 6px 12px;
    cursor: pointer;
  }
  button.secondary {
    background: #fff;
    color: #1f5fbf;
  }
  :focus-visible {
    outline: 3px solid #f0a500;
    outline-offset: 2px;
  }
  .error {
    color: #b3261e;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`

export const boardStyles = css`
  .toolbar {
    display: flex;
    gap: 12px;
    align-items: center;
    flex-wrap: wrap;
  }
  .help {
    color: #4a5560;
    max-width: 70ch;
  }
  .columns {
    display: grid;
    grid-template-columns: repeat(6, minmax(180px, 1fr));
    gap: 12px;
    overflow-x: auto;
    align-items: start;
  }
  .column {
    background: #f3f5f8;
    border: 2px solid transparent;
    border-radius: 8px;
    padding: 8px;
    min-height: 120px;
  }
  .column.target {
    border-color: #1f5fbf;
    background: #e6eefb;
  }
  .column h3 {
    margin: 0;
    font-size: 1rem;
  }
  .totals {
    margin: 2px 0 8px;
    font-size: 0.85rem;
    color: #4a5560;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 8px;
  }
  .card {
    background: #fff;
    border: 1px solid #cfd6de;
    border-radius: 6px;
    padding: 8px;
    cursor: grab;
  }
  .card.picked {
    border: 2px dashed #1f5fbf;
  }
  .card.rotting {
    border-left: 4px solid #b3261e;
  }
  .name {
    font-weight: 600;
    color: inherit;
  }
  .closers {
    display: grid;
    grid-template-columns: repeat(2, minmax(180px, 1fr));
    gap: 12px;
    margin-top: 12px;
  }
  .closer {
    border: 2px dashed #cfd6de;
    border-radius: 8px;
    padding: 8px;
  }
  .closer h3 {
    margin: 0;
    font-size: 1rem;
  }
  .closer.won h3 {
    color: #1e6b34;
  }
  .closer.lost h3 {
    color: #b3261e;
  }
  .closer.target {
    border-style: solid;
    border-color: #1f5fbf;
    background: #e6eefb;
  }
  .meta {
    font-size: 0.85rem;
    color: #4a5560;
    margin: 2px 0 0;
  }
  .rot {
    font-size: 0.85rem;
    color: #b3261e;
    margin: 2px 0 0;
  }
  dialog {
    border: 1px solid #cfd6de;
    border-radius: 8px;
    max-width: 28rem;
  }
  dialog textarea {
    display: block;
    width: 100%;
    box-sizing: border-box;
    min-height: 5rem;
    margin: 4px 0;
  }
  .actions {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
  }
`
