import { z } from 'zod';
import { roles } from '../roles.js';
import { Username, Password } from './auth.js';
import { NumberedPageQuery, pageOf, text } from './common.js';

const DisplayName = z.string().trim().min(1, 'required').max(60);
const EmailFormat = z.email();
const Email = z
  .string()
  .trim()
  .max(200)
  .refine((v) => v === '' || EmailFormat.safeParse(v).success, 'email');

/** What every logged-in user may know of an active colleague. */
export const UserSummary = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
});

/** What the administrator sees. */
export const User = UserSummary.extend({
  username: z.string(),
  phone: z.string(),
  email: z.string(),
  department: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export const UserListQuery = z.strictObject({
  ...NumberedPageQuery,
  sort: z.enum(['username', 'displayName', 'role', 'department', 'createdAt']).optional(),
  role: z.enum(roles).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export const UserList = pageOf(z.union([User, UserSummary]));

export const CreateUserRequest = z.strictObject({
  username: Username,
  displayName: DisplayName,
  role: z.enum(roles),
  password: Password,
  phone: text(40).optional(),
  email: Email.optional(),
  department: text(60).optional(),
});

export const UpdateUserRequest = z.strictObject({
  version: z.number().int().min(1),
  displayName: DisplayName.optional(),
  role: z.enum(roles).optional(),
  phone: text(40).optional(),
  email: Email.optional(),
  department: text(60).optional(),
  active: z.boolean().optional(),
});

export const ResetPasswordRequest = z.strictObject({ password: Password });
