export const PUBLIC_DIR: string
export function build(): void
