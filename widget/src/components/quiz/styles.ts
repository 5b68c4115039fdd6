import { css } from 'lit'
import { formStyles } from '../form/styles'
import { primary, radius, spacing } from '../../styles/tokens'

/** The form's look (same tokens, same inputs and buttons) plus the quiz's progress and steps. */
export const quizStyles = [
  formStyles,
  css`
    h2 {
      font-size: 1.15em;
      margin: 0;
      outline-offset: 4px;
    }
    legend {
      padding: 0;
    }
    .title {
      margin: 0;
      font-weight: 600;
    }
    [part='progress'] {
      display: grid;
      gap: 4px;
      font-size: 0.9em;
    }
    .track {
      display: block;
      height: 6px;
      border-radius: ${radius};
      background: #e3e6ea;
      overflow: hidden;
    }
    .bar {
      display: block;
      height: 100%;
      width: 0;
      background: ${primary};
      transition: width 0.2s;
    }
    fieldset {
      gap: 8px;
    }
    .help,
    .opt {
      font-weight: 400;
      font-size: 0.9em;
      opacity: 0.8;
      margin: 0;
    }
    .number {
      display: flex;
      gap: 8px;
      align-items: center;
    }
    .consent {
      margin-top: ${spacing};
    }
    .nav {
      display: flex;
      gap: 8px;
    }
    .secondary {
      color: ${primary};
      background: transparent;
      box-shadow: inset 0 0 0 1px currentColor;
    }
    [hidden] {
      display: none;
    }
    .error:empty,
    .status:empty {
      display: none;
    }
    .ending .body {
      white-space: pre-line;
    }
  `,
]
