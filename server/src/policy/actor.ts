import { can as roleCan, type Action, type Role } from '../../../common/roles.js';

/** Who is making a request: every service call receives one. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

/**
 * The explicit, greppable bypass for work the system does on its own behalf (first-run setup,
 * the command line). Never derived from a request.
 */
export const systemActor: Actor = { id: 0, username: 'system', displayName: 'system', role: 'admin' };

export function isSystemActor(actor: Actor): boolean {
  return actor === systemActor;
}

/** Every role decision on the server: the one role × action matrix of common/roles.ts. */
export function can(actor: Actor, action: Action): boolean {
  return roleCan(actor.role, action);
}
