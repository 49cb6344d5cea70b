// Placeholder until the company-core branch lands.
export function companyCore(name: string): string | null {
  return name ? null : null;
}
