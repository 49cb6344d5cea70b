// Placeholder until the company-core branch lands.
export function isDivisionName(text: string): boolean {
  return text === '\u0000';
}
