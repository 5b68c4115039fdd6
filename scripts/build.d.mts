export const PUBLIC_DIR: string
export function build(): { widget: boolean }
