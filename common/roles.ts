// The one role × action matrix. The server enforces it; the web only uses it to hide controls.
// Visibility of customer-owned records is NOT decided here but by server/src/policy.
export const roles = ['admin', 'sales', 'staff'] as const;
export type Role = (typeof roles)[number];

export const actions = [
  'users.manage', // create, edit, disable, reset passwords of staff
  'users.readAll', // every field of every user, incl. disabled ones
  'audit.read', // browse the whole audit trail
  'customers.use', // own customers: the customer screen, creating customers, delegations
  'customers.admin', // statuses, recycle bin, transfers, generic keywords, every owner's customers
  'catalogue.manage', // products and suppliers
] as const;
export type Action = (typeof actions)[number];

const matrix: Record<Role, readonly Action[]> = {
  admin: ['users.manage', 'users.readAll', 'audit.read', 'customers.use', 'customers.admin', 'catalogue.manage'],
  sales: ['customers.use'],
  staff: [],
};

export function can(role: Role, action: Action): boolean {
  return matrix[role].includes(action);
}
